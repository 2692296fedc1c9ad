package dev.apitpl.core.cli;

import dev.apitpl.core.policy.PolicyService;
import dev.apitpl.core.policy.PolicyVariables;
import dev.apitpl.core.policy.WorkflowPolicies;
import dev.apitpl.core.publish.WorkflowDeployment;
import dev.apitpl.core.validate.Problem;
import java.io.PrintStream;
import java.util.List;

/**
 * {@code apitpl policy}: prints the least-privilege policies of the workflow's two roles as JSON. Exit 0, 1 when a
 * resource cannot be named statically (the problems on stderr), 2 on a usage error.
 */
public final class PolicyCommand implements Command {

    static final String USAGE_TEXT = "usage: apitpl policy [--region R] [--account-id A] [--partition P] "
            + DeploymentOptions.USAGE;

    @Override
    public String name() {
        return "policy";
    }

    @Override
    public String summary() {
        return "print the least-privilege IAM policies of the state machine's and the Lambda's roles";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.contains("-h") || args.contains("--help")) {
            out.println(USAGE_TEXT);
            return OK;
        }
        WorkflowDeployment deployment;
        DeploymentOptions options;
        try {
            options = DeploymentOptions.parse(args, List.of("--region", "--account-id", "--partition"));
            deployment = options.deployment();
        } catch (DeploymentOptions.UsageException e) {
            err.println("apitpl policy: " + e.getMessage());
            err.println(USAGE_TEXT);
            return USAGE;
        }
        WorkflowPolicies policies = new PolicyService().derive(deployment);
        out.println(policies.toJson(PolicyVariables.of(deployment, options.extra.getOrDefault("--partition", "aws"),
                options.extra.get("--region"), options.extra.get("--account-id"))).toPrettyString());
        policies.problems().stream().map(Problem::format).forEach(err::println);
        return policies.hasErrors() ? PROBLEMS : OK;
    }
}
