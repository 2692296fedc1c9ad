package dev.apitpl.core.endpoint.lambda;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** One function: its {@code $LATEST}, its published versions (numbers never reused) and its aliases. */
final class LambdaFunction {

    final String name;
    final String region;
    FunctionVersion latest;
    final TreeMap<Integer, FunctionVersion> versions = new TreeMap<>();
    final Map<String, Alias> aliases = new LinkedHashMap<>();
    final Map<String, String> tags = new LinkedHashMap<>();
    /** Resource-based policy statements by qualifier ("" for the unqualified function), each by its statement id. */
    final Map<String, Map<String, com.fasterxml.jackson.databind.node.ObjectNode>> policies = new LinkedHashMap<>();
    int lastVersionNumber;

    LambdaFunction(String name, String region, FunctionVersion latest) {
        this.name = name;
        this.region = region;
        this.latest = latest;
    }

    /** {@code $LATEST} or a published version by its number, or null. */
    FunctionVersion version(String version) {
        if (FunctionRef.LATEST.equals(version)) {
            return latest;
        }
        if (version == null || !version.chars().allMatch(Character::isDigit) || version.length() > 9) {
            return null;
        }
        return versions.get(Integer.parseInt(version));
    }

    /**
     * An alias.
     *
     * @param name            the alias name
     * @param functionVersion the version it points to
     * @param description     its description ("" when none)
     * @param weights         the additional version and its weight, empty when the alias routes to one version
     * @param revisionId      changes on every update
     */
    record Alias(String name, String functionVersion, String description, Map<String, Double> weights, String revisionId) {
    }
}
