package dev.apitpl.plugin;

import dev.apitpl.core.synth.SynthException;
import dev.apitpl.core.synth.SynthRequest;
import dev.apitpl.core.synth.SynthResult;
import dev.apitpl.core.synth.SynthService;
import java.io.File;
import java.io.IOException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Writes the whole workflow as one CloudFormation/SAM template, {@code template.yaml} and {@code template.json}, for
 * deployment with CloudFormation, SAM or CDK ({@code CfnInclude}). Deterministic: the same project gives the same
 * bytes. Fails when the definition or templates are invalid, or name a table or function only at run time.
 */
@Mojo(name = "synth", threadSafe = true)
public class SynthMojo extends DeploymentMojo {

    /** Skips this goal. */
    @Parameter(property = "apitpl.synth.skip", defaultValue = "false")
    boolean skipSynth;

    /** Where template.yaml and template.json are written. */
    @Parameter(property = "apitpl.synthDirectory", defaultValue = "${project.build.directory}/apitpl")
    File synthDirectory;

    /** The default of the template's Stage parameter, tagged on every resource. */
    @Parameter(property = "apitpl.stage", defaultValue = SynthRequest.DEFAULT_STAGE)
    String stage;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip || skipSynth) {
            getLog().info("apitpl:synth skipped");
            return;
        }
        SynthResult result;
        try {
            result = new SynthService().synth(new SynthRequest(deployment(), synthDirectory.toPath(), stage));
        } catch (SynthException e) {
            log(e.problems());
            throw new MojoFailureException("apitpl:synth: " + e.getMessage() + (e.problems().isEmpty() ? ""
                    : "; fix the problems listed above, then run mvn apitpl:synth again"), e);
        } catch (IOException e) {
            throw new MojoExecutionException("apitpl:synth could not write to " + synthDirectory + ": " + e.getMessage(), e);
        }
        log(result.warnings());
        if (code != null && !code.isFile()) {
            getLog().warn("apitpl: the template's CodeUri " + code + " does not exist yet; run mvn package before"
                    + " sam deploy or aws cloudformation package");
        }
        result.policies().notes().forEach(getLog()::info);
        getLog().info("apitpl: wrote " + result.yaml() + " and " + result.json());
    }
}
