package dev.apitpl.core.cli;

import dev.apitpl.core.publish.WorkflowDeployment;
import dev.apitpl.core.validate.PlaceholderSubstitutions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The publishing configuration on the command line, the same {@link WorkflowDeployment} the Maven goals bind:
 * options shared by the publishing commands, plus the ones a command adds ({@link #extra}).
 */
final class DeploymentOptions {

    static final String USAGE = "--definition FILE [--templates DIR] [--substitutions FILE] [--table NAME]"
            + " [--function NAME] [--code JAR] [--state-machine NAME] [--type STANDARD|EXPRESS] [--alias NAME]"
            + " [--runtime java25|java21] [--memory MB] [--timeout S] [--env NAME=VALUE]... [--allowed-destinations H,H]"
            + " [--logging OFF|ALL|ERROR|FATAL] [--log-group-arn ARN] [--tracing] [--no-snap-start] [--admin-api]";

    /** A command line that cannot be used: the message says which option and how to fix it. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    private final Map<String, String> values = new LinkedHashMap<>();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private boolean tracing;
    private boolean snapStart = true;
    private boolean adminApi;
    /** Values of the command's own options. */
    final Map<String, String> extra = new LinkedHashMap<>();

    private static final List<String> VALUED = List.of("--definition", "--templates", "--substitutions", "--table",
            "--function", "--code", "--state-machine", "--type", "--alias", "--runtime", "--memory", "--timeout",
            "--allowed-destinations", "--logging", "--log-group-arn");

    static DeploymentOptions parse(List<String> args, List<String> extraOptions) throws UsageException {
        DeploymentOptions options = new DeploymentOptions();
        Iterator<String> arguments = args.iterator();
        while (arguments.hasNext()) {
            String option = arguments.next();
            if (option.equals("--tracing")) {
                options.tracing = true;
            } else if (option.equals("--no-snap-start")) {
                options.snapStart = false;
            } else if (option.equals("--admin-api")) {
                options.adminApi = true;
            } else if (VALUED.contains(option) || extraOptions.contains(option) || option.equals("--env")) {
                if (!arguments.hasNext()) {
                    throw new UsageException(option + " needs a value");
                }
                String value = arguments.next();
                if (option.equals("--env")) {
                    int equals = value.indexOf('=');
                    if (equals <= 0) {
                        throw new UsageException("--env takes NAME=VALUE, not '" + value + "'");
                    }
                    options.environment.put(value.substring(0, equals), value.substring(equals + 1));
                } else {
                    (VALUED.contains(option) ? options.values : options.extra).put(option, value);
                }
            } else {
                throw new UsageException("unknown option '" + option + "'");
            }
        }
        return options;
    }

    WorkflowDeployment deployment() throws UsageException {
        String definition = values.get("--definition");
        if (definition == null || !Files.isRegularFile(Path.of(definition))) {
            throw new UsageException(definition == null ? "name the state machine definition with --definition FILE"
                    : "--definition " + definition + " does not exist");
        }
        Map<String, String> substitutions;
        try {
            substitutions = PlaceholderSubstitutions.merge(path("--substitutions"), Map.of());
        } catch (IOException e) {
            throw new UsageException("cannot read --substitutions " + values.get("--substitutions") + ": " + e.getMessage());
        }
        String alias = values.getOrDefault("--alias", "live");
        WorkflowDeployment.LambdaFunction function = new WorkflowDeployment.LambdaFunction(
                values.getOrDefault("--function", "api-call"), path("--code"), WorkflowDeployment.GENERIC_HANDLER,
                values.getOrDefault("--runtime", WorkflowDeployment.DEFAULT_RUNTIME), number("--memory", 1024),
                number("--timeout", 30), null, environment, alias, snapStart);
        WorkflowDeployment.StateMachine machine = new WorkflowDeployment.StateMachine(
                values.getOrDefault("--state-machine", "api-workflow"), values.getOrDefault("--type", "STANDARD"), null,
                alias, values.getOrDefault("--logging", "OFF"), values.get("--log-group-arn"), tracing, Map.of());
        String destinations = values.getOrDefault("--allowed-destinations", "");
        return new WorkflowDeployment(Path.of(definition), substitutions, path("--templates"),
                values.getOrDefault("--table", "api-templates"), function, machine,
                WorkflowDeployment.ManagedPlaceholders.DEFAULT,
                destinations.isBlank() ? List.of() : new ArrayList<>(Arrays.asList(destinations.split(","))), true,
                new WorkflowDeployment.AdminApi(adminApi, null));
    }

    private Path path(String option) {
        String value = values.get(option);
        return value == null ? null : Path.of(value);
    }

    private int number(String option, int fallback) throws UsageException {
        String value = values.get(option);
        try {
            return value == null ? fallback : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new UsageException(option + " takes a whole number, not '" + value + "'");
        }
    }
}
