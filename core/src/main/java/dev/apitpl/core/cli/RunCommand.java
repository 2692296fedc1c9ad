package dev.apitpl.core.cli;

import dev.apitpl.core.engine.task.LambdaFunctions;
import dev.apitpl.core.local.InvalidDefinitionException;
import dev.apitpl.core.local.LocalRun;
import dev.apitpl.core.local.LocalRunException;
import dev.apitpl.core.local.LocalSetup;
import dev.apitpl.core.validate.PlaceholderSubstitutions;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** {@code apitpl run}: one local execution of a state machine, with a readable trace or a DescribeExecution JSON. */
public final class RunCommand implements Command {

    private static final String USAGE_TEXT = "usage: apitpl run --definition FILE [--input JSON|@FILE|FILE] [--templates DIR]"
            + " [--substitutions FILE] [--template-table NAME] [--handler FUNCTION=CLASS]... [--dynamodb-endpoint URL] [--json]";

    @Override
    public String name() {
        return "run";
    }

    @Override
    public String summary() {
        return "run a state machine locally (embedded DynamoDB Local, in-process Lambdas, real HTTP)";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        Path definition = null;
        String input = null;
        boolean json = false;
        LocalSetup setup = LocalSetup.defaults();
        LambdaFunctions.Builder functions = LambdaFunctions.builder();
        try {
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                switch (arg) {
                    case "--json" -> json = true;
                    case "--definition" -> definition = Path.of(value(args, ++i, arg));
                    case "--input" -> input = inputArgument(value(args, ++i, arg));
                    case "--templates" -> setup = setup.withTemplates(Path.of(value(args, ++i, arg)));
                    case "--template-table" -> setup = setup.withTemplateTable(value(args, ++i, arg));
                    case "--substitutions" -> setup = setup.withSubstitutions(substitutions(Path.of(value(args, ++i, arg))));
                    case "--dynamodb-endpoint" -> setup = setup.withDynamoDbEndpoint(URI.create(value(args, ++i, arg)));
                    case "--handler" -> {
                        String mapping = value(args, ++i, arg);
                        int equals = mapping.indexOf('=');
                        if (equals <= 0) {
                            throw new UsageException("--handler needs FUNCTION=fully.qualified.HandlerClass, got '" + mapping + "'");
                        }
                        functions.handler(mapping.substring(0, equals), mapping.substring(equals + 1));
                    }
                    case "-h", "--help" -> {
                        out.println(USAGE_TEXT);
                        return OK;
                    }
                    default -> throw new UsageException("unknown option '" + arg + "'");
                }
            }
            if (definition == null) {
                throw new UsageException("--definition is required");
            }
        } catch (UsageException | IllegalArgumentException e) {
            err.println("apitpl run: " + e.getMessage());
            err.println(USAGE_TEXT);
            return USAGE;
        }
        LocalRun.Outcome outcome;
        PrintStream stdout = System.out;
        if (json) {
            // Handlers log to stdout, as on Lambda (GenericApiCallLambda's call log): keep it for the one JSON object.
            System.setOut(err);
        }
        try {
            PrintStream trace = out;
            outcome = LocalRun.run(new LocalRun.Request(definition, input, setup.withFunctions(functions.build())),
                    json ? line -> { } : trace::println);
        } catch (InvalidDefinitionException e) {
            err.println(e.getMessage()); // the problems as validate prints them, then the summary
            return PROBLEMS;
        } catch (LocalRunException e) {
            err.println("apitpl run: " + e.getMessage());
            return USAGE;
        } catch (RuntimeException e) {
            // Exit 1 means the execution ran and did not succeed; anything else that stops the run is a setup problem.
            StackTraceElement[] where = e.getStackTrace();
            err.println(("apitpl run: the run could not complete: " + e
                    + (where.length == 0 ? "" : " (at " + where[0] + ")")).replaceAll("\\s*\\R\\s*", " "));
            return USAGE;
        } finally {
            if (json) {
                System.setOut(stdout);
            }
        }
        if (json) {
            out.println(outcome.describeExecution());
        } else {
            out.println(outcome.summary());
            if (outcome.prettyOutput() != null) {
                out.println(outcome.prettyOutput());
            }
        }
        return outcome.succeeded() ? OK : PROBLEMS;
    }

    /** {@code @file} and an existing file name are read as files; anything else is JSON text. */
    private static String inputArgument(String value) {
        if (!value.startsWith("@") && !value.isBlank() && "{[\"".indexOf(value.strip().charAt(0)) < 0
                && Files.isRegularFile(Path.of(value))) {
            return "@" + value;
        }
        return value;
    }

    /** The same file formats as {@code validate --substitutions}: a JSON object or {@code .properties} lines. */
    private static Map<String, String> substitutions(Path file) throws UsageException {
        try {
            return PlaceholderSubstitutions.load(file);
        } catch (IOException e) {
            throw new UsageException("cannot read --substitutions file " + file + ": " + e.getMessage());
        }
    }

    private static String value(List<String> args, int index, String option) throws UsageException {
        if (index >= args.size()) {
            throw new UsageException(option + " needs a value");
        }
        return args.get(index);
    }

    private static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }
}
