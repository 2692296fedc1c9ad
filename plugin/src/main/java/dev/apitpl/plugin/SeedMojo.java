package dev.apitpl.plugin;

import dev.apitpl.core.publish.ProjectTemplates;
import dev.apitpl.core.publish.TemplateSeeder;
import dev.apitpl.core.publish.StackNames;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Seeds the template table with the project's templates: unchanged ones are not written, templates edited in the
 * table are reported and kept unless {@code -Dapitpl.force}. {@code mvn apitpl:seed -Dapitpl.templateTable=NAME}
 */
@Mojo(name = "seed", requiresProject = true, threadSafe = true)
public class SeedMojo extends PublishMojo {

    /** Skips this goal. */
    @Parameter(property = "apitpl.seed.skip", defaultValue = "false")
    boolean skipSeed;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skipped(skipSeed, "seed")) {
            return;
        }
        withClients(aws -> {
            var deployment = deployment(aws, StackNames.SEED);
            new TemplateSeeder(aws, getLog()::info).seed(deployment.templateTable(),
                ProjectTemplates.read(deployment.templatesDirectory()), options());
        });
    }
}
