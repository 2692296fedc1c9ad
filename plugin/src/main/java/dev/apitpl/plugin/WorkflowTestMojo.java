package dev.apitpl.plugin;

import dev.apitpl.core.local.LocalRunException;
import dev.apitpl.core.workflowtest.CaseResult;
import dev.apitpl.core.workflowtest.WorkflowTestFileException;
import dev.apitpl.core.workflowtest.WorkflowTestReport;
import dev.apitpl.core.workflowtest.WorkflowTests;
import java.io.File;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Runs the workflow test file (a Step Functions Local mock configuration with expectations) on the
 * local engine; unmocked tasks use embedded DynamoDB Local, in-process handlers and real HTTP.
 * Prints each case, then fails once with a summary when any case failed.
 */
@Mojo(name = "test", defaultPhase = LifecyclePhase.TEST, threadSafe = true,
        requiresDependencyResolution = ResolutionScope.TEST)
public class WorkflowTestMojo extends LocalExecutionMojo {

    /** Skips this goal. */
    @Parameter(property = "apitpl.test.skip", defaultValue = "false")
    boolean skipWorkflowTests;

    /** Maven's switch to skip running tests; honoured here too. */
    @Parameter(property = "skipTests", defaultValue = "false")
    boolean skipTests;

    /** Maven's switch to skip compiling and running tests; honoured here too. */
    @Parameter(property = "maven.test.skip", defaultValue = "false")
    boolean skipTestCompilation;

    /** The workflow test file. Nothing runs when it does not exist. */
    @Parameter(property = "apitpl.test.file", defaultValue = "${project.basedir}/src/test/statemachine/workflow-tests.json")
    File testsFile;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip || skipWorkflowTests || skipTests || skipTestCompilation) {
            getLog().info("apitpl:test skipped");
            return;
        }
        if (!testsFile.isFile()) {
            getLog().info("No workflow tests: " + testsFile + " does not exist");
            return;
        }
        WorkflowTestReport report;
        try {
            report = WorkflowTests.run(testsFile.toPath(), setup(), definitions());
        } catch (LocalRunException e) {
            throw failure(e);
        } catch (WorkflowTestFileException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
        for (CaseResult result : report.results()) {
            if (result.passed()) {
                getLog().info(result.describe());
            } else {
                getLog().error(result.describe());
            }
        }
        getLog().info(report.summary());
        if (!report.allPassed()) {
            throw new MojoFailureException(report.summary() + " in " + testsFile
                    + "; each failed case is listed above with its unmet expectations");
        }
    }
}
