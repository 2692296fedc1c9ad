package dev.apitpl.plugin;

import dev.apitpl.core.policy.PolicyService;
import dev.apitpl.core.policy.PolicyVariables;
import dev.apitpl.core.policy.WorkflowPolicies;
import dev.apitpl.core.publish.WorkflowDeployment;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Shows the least-privilege IAM policies of the workflow's roles (state machine, generic Lambda, admin API), derived
 * from the definition and templates, and writes them to {@code policy.json}. Fails on a table or function the definition names only at run time.
 */
@Mojo(name = "policy", threadSafe = true)
public class PolicyMojo extends DeploymentMojo {

    /** Skips this goal. */
    @Parameter(property = "apitpl.policy.skip", defaultValue = "false")
    boolean skipPolicy;

    /** The AWS region written into the ARNs; unset leaves {@code ${AWS::Region}}. */
    @Parameter(property = "apitpl.region")
    String region;

    /** The AWS account id written into the ARNs; unset leaves {@code ${AWS::AccountId}}. */
    @Parameter(property = "apitpl.accountId")
    String accountId;

    /** The AWS partition written into the ARNs. */
    @Parameter(property = "apitpl.partition", defaultValue = "aws")
    String partition;

    /** Where policy.json is written. */
    @Parameter(property = "apitpl.reportDirectory", defaultValue = "${project.build.directory}/apitpl")
    File reportDirectory;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip || skipPolicy) {
            getLog().info("apitpl:policy skipped");
            return;
        }
        WorkflowDeployment deployment = deployment();
        WorkflowPolicies policies = new PolicyService().derive(deployment);
        Map<String, String> variables = PolicyVariables.of(deployment, partition, region, accountId);
        String json = policies.toJson(variables).toPrettyString();
        Path file = reportDirectory.toPath().resolve("policy.json");
        try {
            Files.createDirectories(reportDirectory.toPath());
            Files.writeString(file, json + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MojoExecutionException("cannot write " + file + ": " + e.getMessage(), e);
        }
        getLog().info(json);
        policies.notes().forEach(getLog()::info);
        log(policies.problems());
        if (policies.hasErrors()) {
            throw new MojoFailureException(policies.problems().size() + " problem(s) keep the policies from naming every"
                    + " resource the workflow needs (apitpl never grants '*'); fix them as listed above, then run"
                    + " mvn apitpl:policy again");
        }
        getLog().info("apitpl: policies of " + policies.roles().size() + " roles written to " + file);
    }
}
