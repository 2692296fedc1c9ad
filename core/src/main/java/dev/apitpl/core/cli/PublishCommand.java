package dev.apitpl.core.cli;

import dev.apitpl.core.publish.AwsClients;
import dev.apitpl.core.publish.AwsConnection;
import dev.apitpl.core.publish.AwsException;
import dev.apitpl.core.publish.ProjectTemplates;
import dev.apitpl.core.publish.PublishException;
import dev.apitpl.core.publish.StackNames;
import dev.apitpl.core.publish.TemplateSeeder;
import dev.apitpl.core.publish.WorkflowDeployment;
import dev.apitpl.core.publish.WorkflowPublisher;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code apitpl seed|plan|deploy|destroy}: the publishing goals without Maven: the publishing configuration's options
 * ({@link DeploymentOptions}), where AWS is, and the seed flags.
 */
public final class PublishCommand implements Command {

    private static final String OPTIONS = " [--region R] [--profile P] [--endpoint URL] [--function-role-arn ARN]"
            + " [--state-machine-role-arn ARN] [--report-dir DIR] [--create-table] [--force] [--prune] [--dry-run]"
            + " [--create-roles] [--delete-table] [--admin-function-role-arn ARN] [--stack NAME]";
    private static final List<String> EXTRA = List.of("--region", "--profile", "--endpoint", "--function-role-arn",
            "--state-machine-role-arn", "--report-dir", "--admin-function-role-arn", "--stack");
    private static final Set<String> FLAGS = Set.of("--create-table", "--force", "--prune", "--dry-run", "--create-roles",
            "--delete-table");

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
        if (args.contains("-h") || args.contains("--help")) {
            out.println(usageText());
            return OK;
        }
        List<String> valued = new ArrayList<>(args);
        Set<String> flags = new HashSet<>();
        valued.removeIf(arg -> FLAGS.contains(arg) && flags.add(arg));
        WorkflowDeployment deployment;
        DeploymentOptions options;
        try {
            options = DeploymentOptions.parse(valued, EXTRA);
            WorkflowDeployment parsed = options.deployment();
            WorkflowDeployment.LambdaFunction f = parsed.function();
            deployment = new WorkflowDeployment(parsed.definition(), parsed.substitutions(), parsed.templatesDirectory(),
                    parsed.templateTable(), new WorkflowDeployment.LambdaFunction(f.name(), f.code(), f.handler(), f.runtime(),
                    f.memoryMb(), f.timeoutSeconds(), options.extra.get("--function-role-arn"), f.environment(), f.alias(),
                    f.snapStart(), f.kmsKeyArn()), withRole(parsed.stateMachine(), options.extra.get("--state-machine-role-arn")),
                    parsed.placeholders(), parsed.allowedDestinations(), flags.contains("--create-roles"),
                    new WorkflowDeployment.AdminApi(parsed.adminApi().enabled(), options.extra.get("--admin-function-role-arn")));
        } catch (DeploymentOptions.UsageException e) {
            return usage(err, e.getMessage());
        }
        TemplateSeeder.Options seedOptions = new TemplateSeeder.Options(flags.contains("--create-table"),
                flags.contains("--force"), flags.contains("--prune"), flags.contains("--dry-run"));
        try (AwsClients aws = AwsClients.create(AwsConnection.of(options.extra.get("--region"), options.extra.get("--profile"),
                options.extra.get("--endpoint")))) {
            deployment = StackNames.resolve(aws, options.extra.get("--stack"), deployment,
                    name.equals("seed") ? StackNames.SEED : StackNames.DEPLOY);
            WorkflowPublisher publisher = new WorkflowPublisher(aws, out::println,
                    Path.of(options.extra.getOrDefault("--report-dir", "target/apitpl")));
            switch (name) {
                case "seed" -> new TemplateSeeder(aws, out::println).seed(deployment.templateTable(),
                        ProjectTemplates.read(deployment.templatesDirectory()), seedOptions);
                case "plan" -> publisher.plan(deployment, seedOptions).lines().forEach(out::println);
                case "deploy" -> publisher.deploy(deployment, seedOptions);
                default -> publisher.destroy(deployment, flags.contains("--delete-table"), seedOptions.force());
            }
            return OK;
        } catch (PublishException | AwsException e) {
            err.println("apitpl " + name + ": " + CommandLineWording.of(e.getMessage()));
            return PROBLEMS;
        } catch (IllegalArgumentException e) {
            return usage(err, CommandLineWording.of(e.getMessage()));
        }
    }

    private static WorkflowDeployment.StateMachine withRole(WorkflowDeployment.StateMachine m, String roleArn) {
        return new WorkflowDeployment.StateMachine(m.name(), m.type(), roleArn, m.alias(), m.logging(), m.logGroupArn(),
                m.tracing(), m.tags(), m.kmsKeyArn());
    }

    private String usageText() {
        return "usage: apitpl " + name + " " + DeploymentOptions.USAGE + OPTIONS;
    }

    private int usage(PrintStream err, String problem) {
        err.println("apitpl " + name + ": " + problem);
        err.println(usageText());
        return USAGE;
    }
}
