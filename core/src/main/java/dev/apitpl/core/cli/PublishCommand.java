package dev.apitpl.core.cli;

import dev.apitpl.core.publish.AwsClients;
import dev.apitpl.core.publish.AwsConnection;
import dev.apitpl.core.publish.AwsException;
import dev.apitpl.core.publish.ProjectTemplates;
import dev.apitpl.core.publish.PublishException;
import dev.apitpl.core.publish.TemplateSeeder;
import dev.apitpl.core.publish.WorkflowDeployment;
import dev.apitpl.core.publish.WorkflowPublisher;
import dev.apitpl.core.validate.PlaceholderSubstitutions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code apitpl seed|plan|deploy|destroy}: the publishing goals without Maven, with the same settings as options
 * ({@code --template-table} for {@code -Dapitpl.templateTable}, and so on).
 */
public final class PublishCommand implements Command {

    private static final String OPTIONS = " --definition FILE --templates DIR [--substitutions FILE]"
            + " [--template-table NAME] [--region R] [--profile P] [--endpoint URL] [--create-table] [--force] [--prune]"
            + " [--dry-run] [--function-name N] [--function-code JAR] [--function-role ARN] [--runtime java25|java21]"
            + " [--memory MB] [--timeout S] [--function-alias A] [--allowed-destination HOST]... [--state-machine-name N]"
            + " [--state-machine-type STANDARD|EXPRESS] [--state-machine-role ARN] [--state-machine-alias A]"
            + " [--report-dir DIR] [--delete-table]";

    private final String name;
    private final String summary;

    private PublishCommand(String name, String summary) {
        this.name = name;
        this.summary = summary;
    }

    /** The four publishing commands. */
    static List<Command> all() {
        return List.of(new PublishCommand("seed", "seed the template table (unchanged templates are not written)"),
                new PublishCommand("plan", "show what seed and deploy would change; writes nothing"),
                new PublishCommand("deploy", "validate, seed, publish the Lambda and the state machine, move their aliases"),
                new PublishCommand("destroy", "delete the state machine and the function (the table is kept)"));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String summary() {
        return summary;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        Map<String, String> options = new HashMap<>();
        List<String> destinations = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("-h") || arg.equals("--help")) {
                out.println("usage: apitpl " + name + OPTIONS);
                return OK;
            }
            if (List.of("--create-table", "--force", "--prune", "--dry-run", "--delete-table").contains(arg)) {
                options.put(arg, "true");
            } else if (arg.startsWith("--") && i + 1 < args.size()) {
                if (arg.equals("--allowed-destination")) {
                    destinations.add(args.get(++i));
                } else {
                    options.put(arg, args.get(++i));
                }
            } else {
                return usage(err, "unknown option or missing value '" + arg + "'");
            }
        }
        if (!options.containsKey("--definition") || !options.containsKey("--templates")) {
            return usage(err, "--definition and --templates are required");
        }
        WorkflowDeployment deployment;
        try {
            Map<String, String> substitutions = options.containsKey("--substitutions")
                    ? PlaceholderSubstitutions.load(Path.of(options.get("--substitutions"))) : Map.of();
            deployment = deployment(options, substitutions, destinations);
        } catch (IOException | IllegalArgumentException e) {
            return usage(err, e.getMessage());
        }
        TemplateSeeder.Options seedOptions = new TemplateSeeder.Options(options.containsKey("--create-table"),
                options.containsKey("--force"), options.containsKey("--prune"), options.containsKey("--dry-run"));
        try (AwsClients aws = AwsClients.create(AwsConnection.of(options.get("--region"), options.get("--profile"),
                options.get("--endpoint")))) {
            WorkflowPublisher publisher = new WorkflowPublisher(aws, out::println,
                    Path.of(options.getOrDefault("--report-dir", "target/apitpl")));
            switch (name) {
                case "seed" -> new TemplateSeeder(aws, out::println).seed(deployment.templateTable(),
                        ProjectTemplates.read(deployment.templatesDirectory()), seedOptions);
                case "plan" -> publisher.plan(deployment, seedOptions).lines().forEach(out::println);
                case "deploy" -> publisher.deploy(deployment, seedOptions);
                default -> publisher.destroy(deployment, options.containsKey("--delete-table"), seedOptions.force());
            }
            return OK;
        } catch (PublishException | AwsException e) {
            err.println("apitpl " + name + ": " + e.getMessage());
            return PROBLEMS;
        } catch (IllegalArgumentException e) {
            return usage(err, e.getMessage());
        }
    }

    private static WorkflowDeployment deployment(Map<String, String> o, Map<String, String> substitutions,
                                                 List<String> destinations) {
        String table = o.getOrDefault("--template-table",
                substitutions.get(WorkflowDeployment.ManagedPlaceholders.DEFAULT.templateTableName()));
        return new WorkflowDeployment(Path.of(o.get("--definition")), substitutions, Path.of(o.get("--templates")), table,
                new WorkflowDeployment.LambdaFunction(o.get("--function-name"),
                        Path.of(o.getOrDefault("--function-code", "target/function.jar")), WorkflowDeployment.GENERIC_HANDLER,
                        o.getOrDefault("--runtime", WorkflowDeployment.DEFAULT_RUNTIME),
                        Integer.parseInt(o.getOrDefault("--memory", "1024")), Integer.parseInt(o.getOrDefault("--timeout", "30")),
                        o.get("--function-role"), Map.of(), o.getOrDefault("--function-alias", "live"), false),
                new WorkflowDeployment.StateMachine(o.get("--state-machine-name"), o.getOrDefault("--state-machine-type", "STANDARD"),
                        o.get("--state-machine-role"), o.getOrDefault("--state-machine-alias", "live"), "OFF", null, false, Map.of()),
                WorkflowDeployment.ManagedPlaceholders.DEFAULT, destinations, false);
    }

    private int usage(PrintStream err, String problem) {
        err.println("apitpl " + name + ": " + problem);
        err.println("usage: apitpl " + name + OPTIONS);
        return USAGE;
    }
}
