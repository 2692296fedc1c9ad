package dev.apitpl.core.asl;

import java.util.regex.Pattern;

/**
 * One {@code ${Name}} placeholder as written in a definition (a name written twice is two placeholders).
 *
 * @param name the name between {@code ${} and {@code }}
 * @param location where it is written
 * @param resolved whether the substitutions gave it a value
 * @param wholeValue written as a bare JSON value ({@code "Parameters": ${P}}) rather than inside a string
 */
public record Placeholder(String name, Location location, boolean resolved, boolean wholeValue) {

    /** A placeholder as CloudFormation's DefinitionSubstitutions find them: {@code ${Name}}, the name in group 1. */
    public static final Pattern PATTERN = Pattern.compile("\\$\\{([^{}\\s\"]+)}");
}
