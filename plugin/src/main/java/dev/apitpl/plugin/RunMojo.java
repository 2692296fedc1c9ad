package dev.apitpl.plugin;

import dev.apitpl.core.local.LocalRun;
import dev.apitpl.core.local.LocalRunException;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Runs the state machine once, locally: embedded DynamoDB Local seeded with the templates,
 * in-process Lambda handlers, real HTTP calls. Logs a trace of every state and the final output;
 * fails when the execution does not succeed. {@code mvn apitpl:run -Dapitpl.input=@input.json}
 */
@Mojo(name = "run", requiresProject = true, threadSafe = true, requiresDependencyResolution = ResolutionScope.TEST)
public class RunMojo extends LocalExecutionMojo {

    /** Skips this goal. */
    @Parameter(property = "apitpl.run.skip", defaultValue = "false")
    boolean skipRun;

    /** The execution input: JSON text, or {@code @path/to/file.json} (relative to the project). Default {@code {}}. */
    @Parameter(property = "apitpl.input")
    String input;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip || skipRun) {
            getLog().info("apitpl:run skipped");
            return;
        }
        List<Path> definitions = definitions();
        if (definitions.size() != 1) {
            throw new MojoFailureException("apitpl:run needs one definition but found " + definitions.size() + " in "
                    + statemachineDirectory + " " + definitions + "; choose one with -Dapitpl.definition=FILE or <definition>");
        }
        LocalRun.Outcome outcome;
        try {
            outcome = LocalRun.run(new LocalRun.Request(definitions.get(0), inputRelativeToProject(), setup()),
                    getLog()::info);
        } catch (LocalRunException e) {
            throw failure(e);
        }
        if (!outcome.succeeded()) {
            throw new MojoFailureException("Execution " + outcome.summary());
        }
        getLog().info(outcome.summary());
        getLog().info("Output:" + System.lineSeparator() + outcome.prettyOutput());
    }

    /** {@code @file} names a file relative to the project, also when Maven runs from elsewhere ({@code mvn -f}). */
    private String inputRelativeToProject() {
        if (input == null || !input.startsWith("@")) {
            return input;
        }
        return "@" + basedir.toPath().resolve(input.substring(1));
    }
}
