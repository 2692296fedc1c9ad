package dev.apitpl.plugin;

import dev.apitpl.core.validate.PlaceholderSubstitutions;
import java.io.File;
import java.io.IOException;
import java.util.Map;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/** The parameters every apitpl goal reads the same way: the skip flag, where the project's files are, placeholders. */
abstract class ApitplMojo extends AbstractMojo {

    /** Skips every apitpl goal. */
    @Parameter(property = "apitpl.skip", defaultValue = "false")
    boolean skip;

    /** Where the state machine definitions are. */
    @Parameter(property = "apitpl.statemachineDirectory", defaultValue = "${project.basedir}/src/main/statemachine")
    File statemachineDirectory;

    /** Where the API template files are (validated, and seeded into DynamoDB Local before a local run). */
    @Parameter(property = "apitpl.templates", defaultValue = "${project.basedir}/src/main/templates")
    File templates;

    /** Values of the definitions' {@code ${Name}} placeholders, e.g. {@code <TemplateTableName>api-templates</TemplateTableName>}. */
    @Parameter
    Map<String, String> substitutions;

    /** A {@code .properties} (or {@code .json} object) file of placeholder values, e.g. one per environment; {@code <substitutions>} win. */
    @Parameter(property = "apitpl.substitutionsFile")
    File substitutionsFile;

    /** The placeholder values: those of {@code substitutionsFile}, overridden by {@code substitutions}. */
    Map<String, String> placeholderValues() throws MojoFailureException {
        try {
            return PlaceholderSubstitutions.merge(substitutionsFile == null ? null : substitutionsFile.toPath(), substitutions);
        } catch (IOException e) {
            throw new MojoFailureException("<substitutionsFile> " + substitutionsFile + " cannot be read (" + e.getMessage()
                    + "); fix the path given by -Dapitpl.substitutionsFile or the pom", e);
        }
    }
}
