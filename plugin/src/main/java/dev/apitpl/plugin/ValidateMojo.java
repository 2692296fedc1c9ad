package dev.apitpl.plugin;

import dev.apitpl.core.validate.Problem;
import dev.apitpl.core.validate.Severity;
import dev.apitpl.core.validate.ValidationFiles;
import dev.apitpl.core.validate.ValidationReport;
import dev.apitpl.core.validate.ValidationRequest;
import dev.apitpl.core.validate.ValidationService;
import dev.apitpl.core.validate.asl.StateMachineType;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Validates the state machine definitions (Amazon States Language, JSON or YAML) and API templates of the project
 * (every {@code *.json}, {@code *.yaml} and {@code *.yml} below {@code statemachineDirectory}, every {@code *.json}
 * below {@code templates}), or the files named by {@code -Dapitpl.files} without a project. Logs every problem as
 * {@code file:line:column: RULE-ID message (hint)}, writes JSON, SARIF and Mermaid reports, then fails once.
 */
@Mojo(name = "validate", defaultPhase = LifecyclePhase.VALIDATE, threadSafe = true, requiresProject = false)
public class ValidateMojo extends ApitplMojo {

    /** Skips this goal. */
    @Parameter(property = "apitpl.validate.skip", defaultValue = "false")
    boolean skipValidate;

    /**
     * Globs, relative to either directory, of files to leave out, e.g. {@code <exclude>drafts/**</exclude>}; not applied
     * to {@code files}, which name exactly what to validate.
     */
    @Parameter(property = "apitpl.excludes")
    List<String> excludes;

    /**
     * Files or directories to validate instead of the two directories, told apart by content; works without a
     * pom: {@code mvn dev.apitpl:apitpl-maven-plugin:validate -Dapitpl.files=flow.asl.json,templates}.
     */
    @Parameter(property = "apitpl.files")
    List<File> files;

    /** Placeholders without a value stand for any value instead of being errors. */
    @Parameter(property = "apitpl.placeholderTolerant", defaultValue = "false")
    boolean placeholderTolerant;

    /** The workflow type the definitions are deployed as: {@code STANDARD} or {@code EXPRESS}. */
    @Parameter(property = "apitpl.stateMachineType", defaultValue = "STANDARD")
    StateMachineType stateMachineType;

    /** Warnings fail the build too. */
    @Parameter(property = "apitpl.failOnWarning", defaultValue = "false")
    boolean failOnWarning;

    /** Where validation.json, validation.sarif and a Mermaid diagram per state machine are written. */
    @Parameter(property = "apitpl.reportDirectory", defaultValue = "${project.build.directory}/apitpl")
    File reportDirectory;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip || skipValidate) {
            getLog().info("apitpl:validate skipped");
            return;
        }
        ValidationFiles.Classified inputs = files != null && !files.isEmpty()
                ? ValidationFiles.classify(files.stream().map(File::toPath).toList())
                : new ValidationFiles.Classified(
                        ValidationFiles.find(path(statemachineDirectory), ValidationFiles.DEFINITION_INCLUDES, excludes),
                        ValidationFiles.find(path(templates), ValidationFiles.TEMPLATE_INCLUDES, excludes));
        if (inputs.definitions().isEmpty() && inputs.templates().isEmpty()) {
            getLog().warn("apitpl: nothing to validate in " + statemachineDirectory + " nor " + templates
                    + "; set <statemachineDirectory>/<templates>, or -Dapitpl.files=a.asl.json,b.json");
            return;
        }
        Map<String, String> values = placeholderValues();
        ValidationReport report;
        try {
            report = new ValidationService().validate(new ValidationRequest(inputs.definitions(), inputs.templates(),
                    values, placeholderTolerant, stateMachineType, path(reportDirectory), failOnWarning));
        } catch (RuntimeException e) {
            throw new MojoExecutionException("apitpl:validate could not complete: " + e.getMessage(), e);
        }
        for (Problem problem : report.problems()) {
            if (problem.severity() == Severity.ERROR) {
                getLog().error(problem.format());
            } else {
                getLog().warn(problem.format());
            }
        }
        if (report.failed()) {
            throw new MojoFailureException(report.summary() + ". Fix the problems listed above"
                    + (report.errorCount() == 0 ? " (warnings fail because of <failOnWarning>/-Dapitpl.failOnWarning)" : "")
                    + ", then run mvn apitpl:validate again; reports are in " + reportDirectory);
        }
        getLog().info(report.summary() + (report.reportFiles().isEmpty() ? "" : "; reports in " + reportDirectory));
    }

    private static Path path(File file) {
        return file == null ? null : file.toPath();
    }
}
