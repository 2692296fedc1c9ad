package dev.apitpl.core.synth;

import dev.apitpl.core.publish.WorkflowDeployment;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What to synthesize and where.
 *
 * @param deployment      the one publishing configuration
 * @param outputDirectory where {@code template.yaml} and {@code template.json} are written (e.g. {@code target/apitpl})
 * @param stage           the default of the template's {@code Stage} parameter (tagged on every resource)
 */
public record SynthRequest(WorkflowDeployment deployment, Path outputDirectory, String stage) {

    /** The default stage when none is given. */
    public static final String DEFAULT_STAGE = "default";

    public SynthRequest {
        Objects.requireNonNull(deployment, "deployment");
        Objects.requireNonNull(outputDirectory, "outputDirectory");
        stage = stage == null || stage.isBlank() ? DEFAULT_STAGE : stage;
    }
}
