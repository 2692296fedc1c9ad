package dev.apitpl.core.asl;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A Task state as policies, synthesis and the local environment need it: what it calls and with what.
 *
 * @param name the state's name
 * @param pointer where it sits, as the JSON Pointer AWS uses (e.g. {@code /States/Fan/Branches/0/States/Get})
 * @param resource the {@code Resource} string, or null when missing or not a string
 * @param arguments {@code Parameters} (JSONPath) or {@code Arguments} (JSONata) with placeholders substituted, or
 *     null when the state has neither
 * @param location where the state's name is written
 * @param queryLanguage the query language in force for the state
 * @param state the state in the model, for anything else
 */
public record TaskState(String name, String pointer, String resource, JsonNode arguments, Location location,
                        QueryLanguage queryLanguage, AslState state) {}
