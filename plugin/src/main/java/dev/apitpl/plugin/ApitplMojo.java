package dev.apitpl.plugin;

import java.io.File;
import java.util.Map;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugins.annotations.Parameter;

/** The parameters every apitpl goal reads the same way: the skip flag and where the project's files are. */
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
}
