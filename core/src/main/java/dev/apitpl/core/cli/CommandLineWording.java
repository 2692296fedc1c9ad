package dev.apitpl.core.cli;

import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewords the core services' messages for the command line. The services name their settings as a Maven user sets
 * them ({@code <createTable>}, {@code -Dapitpl.createTable=true}); a user of the command-line jar sets the same
 * thing with its own option ({@code --create-table}), so each setting the jar has is named by that option instead.
 * A setting the jar does not have keeps its Maven name: the message stays true, if less direct.
 */
final class CommandLineWording {

    /** Maven user property (after {@code apitpl.}) → the command-line option that sets the same thing. */
    private static final Map<String, String> OPTIONS = Map.ofEntries(
            Map.entry("templateTable", "--table"), Map.entry("functionName", "--function"),
            Map.entry("stateMachineName", "--state-machine"), Map.entry("stateMachineType", "--type"),
            Map.entry("functionRoleArn", "--function-role-arn"), Map.entry("stateMachineRoleArn", "--state-machine-role-arn"),
            Map.entry("adminFunctionRoleArn", "--admin-function-role-arn"), Map.entry("runtime", "--runtime"),
            Map.entry("region", "--region"), Map.entry("profile", "--profile"), Map.entry("endpoint", "--endpoint"),
            Map.entry("stack", "--stack"), Map.entry("allowedDestinations", "--allowed-destinations"),
            Map.entry("createTable", "--create-table"), Map.entry("createRoles", "--create-roles"),
            Map.entry("force", "--force"), Map.entry("prune", "--prune"), Map.entry("dryRun", "--dry-run"),
            Map.entry("deleteTable", "--delete-table"), Map.entry("adminApi", "--admin-api"));
    /** Options that take no value: {@code =true} means "give the option". */
    private static final Set<String> SWITCHES = Set.of("createTable", "createRoles", "force", "prune", "dryRun",
            "deleteTable", "adminApi");

    /** {@code <name> (-Dapitpl.name...)}: the pom element in front of its property. */
    private static final Pattern ELEMENT_THEN_PROPERTY = Pattern.compile("<(\\w+)> \\((-Dapitpl\\.\\1\\b[^)]*)\\)");
    /** {@code -Dapitpl.name... (<name>)}: the property followed by its pom element. */
    private static final Pattern PROPERTY_THEN_ELEMENT = Pattern.compile("(-Dapitpl\\.(\\w+)\\b[^\\s(),;]*) \\(<\\2>\\)");
    private static final Pattern PROPERTY = Pattern.compile("-Dapitpl\\.(\\w+)(?:=([^\\s(),;]+))?");

    private CommandLineWording() {
    }

    static String of(String message) {
        if (message == null || !message.contains("-Dapitpl.")) {
            return message;
        }
        String text = replaceKnown(ELEMENT_THEN_PROPERTY, message, 1, 2);
        text = replaceKnown(PROPERTY_THEN_ELEMENT, text, 2, 1);
        Matcher property = PROPERTY.matcher(text);
        StringBuilder out = new StringBuilder();
        while (property.find()) {
            property.appendReplacement(out, Matcher.quoteReplacement(option(property.group(0), property.group(1),
                    property.group(2))));
        }
        return property.appendTail(out).toString();
    }

    /** Drops the pom element around a property the command line has an option for, keeping the property's text. */
    private static String replaceKnown(Pattern pattern, String text, int nameGroup, int keptGroup) {
        Matcher matcher = pattern.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String replacement = OPTIONS.containsKey(matcher.group(nameGroup)) ? matcher.group(keptGroup) : matcher.group(0);
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        return matcher.appendTail(out).toString();
    }

    private static String option(String original, String name, String value) {
        String option = OPTIONS.get(name);
        if (option == null) {
            return original;
        }
        if (SWITCHES.contains(name)) {
            return "false".equals(value) ? "no " + option : option;
        }
        return value == null ? option : option + " " + value;
    }
}
