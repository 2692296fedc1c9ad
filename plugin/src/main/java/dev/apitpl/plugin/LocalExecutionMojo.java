package dev.apitpl.plugin;

import dev.apitpl.core.engine.task.LambdaFunctions;
import dev.apitpl.core.local.InvalidDefinitionException;
import dev.apitpl.core.local.LocalRunException;
import dev.apitpl.core.local.LocalSetup;
import dev.apitpl.core.validate.Problem;
import dev.apitpl.core.validate.Severity;
import dev.apitpl.core.validate.ValidationFiles;
import java.io.File;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/** What {@code run} and {@code test} share: where the definitions and templates are, and how tasks run locally. */
abstract class LocalExecutionMojo extends ApitplMojo {

    /** The state machine definition; by default the single {@code *.json} below {@code statemachineDirectory}. */
    @Parameter(property = "apitpl.definition")
    File definition;

    /** The template table's name; by default the one TableName the definition's DynamoDB tasks use. */
    @Parameter(property = "apitpl.templateTable")
    String templateTable;

    /**
     * In-process handler class per Lambda function name, e.g.
     * {@code <ApiCall>dev.apitpl.runtime.handler.GenericApiCallLambda</ApiCall>}; unmapped functions run GenericApiCallLambda.
     */
    @Parameter
    Map<String, String> handlers;

    /** A DynamoDB endpoint to use as is instead of the embedded DynamoDB Local (no table created, nothing seeded). */
    @Parameter(property = "apitpl.dynamoDbEndpoint")
    String dynamoDbEndpoint;

    /** The project's base directory: relative paths given on the command line are resolved against it. */
    @Parameter(defaultValue = "${project.basedir}", readonly = true, required = true)
    File basedir;

    /** The project's classpath elements, so that its own handler classes can run. */
    @Parameter(defaultValue = "${project.testClasspathElements}", readonly = true, required = true)
    List<String> classpathElements;

    LocalSetup setup() throws MojoExecutionException, MojoFailureException {
        List<URL> urls = new ArrayList<>();
        for (String element : classpathElements) {
            try {
                urls.add(new File(element).toURI().toURL());
            } catch (MalformedURLException e) {
                throw new MojoExecutionException("Classpath element " + element + " is not a valid path", e);
            }
        }
        ClassLoader projectClasses = new URLClassLoader(urls.toArray(URL[]::new), getClass().getClassLoader());
        LambdaFunctions.Builder functions = LambdaFunctions.builder().classLoader(projectClasses);
        if (handlers != null) {
            functions.handlers(handlers);
        }
        return new LocalSetup(templates.isDirectory() ? templates.toPath() : null, templateTable, placeholderValues(),
                functions.build(), dynamoDbEndpoint == null ? null : URI.create(dynamoDbEndpoint), getLog()::info);
    }

    /**
     * The definitions to use: {@code definition} if set, else every {@code *.json}, {@code *.yaml} and {@code *.yml}
     * below {@code statemachineDirectory} (the files {@code validate} checks as definitions). Fails, naming both parameters, when there is none.
     */
    List<Path> definitions() throws MojoFailureException {
        if (definition != null) {
            if (!definition.isFile()) {
                throw new MojoFailureException("<definition> " + definition + " does not exist; fix it or -Dapitpl.definition=");
            }
            return List.of(definition.toPath());
        }
        List<Path> found;
        try {
            found = ValidationFiles.find(statemachineDirectory.toPath(), ValidationFiles.DEFINITION_INCLUDES, List.of());
        } catch (UncheckedIOException e) {
            throw new MojoFailureException("Cannot list " + statemachineDirectory + " (" + e.getCause().getMessage()
                    + "); fix its permissions or point -Dapitpl.statemachineDirectory / <statemachineDirectory> elsewhere", e);
        }
        if (found.isEmpty()) {
            throw new MojoFailureException("No state machine definition (*.json, *.yaml, *.yml) in " + statemachineDirectory
                    + "; add one there, set <statemachineDirectory> (-Dapitpl.statemachineDirectory=DIR),"
                    + " or name the file with <definition> (-Dapitpl.definition=FILE)");
        }
        return found;
    }

    /**
     * The failure for a run that could not start. A definition the validator rejects has its problems logged as
     * {@code apitpl:validate} logs them, and fails with the summary line.
     */
    MojoFailureException failure(LocalRunException e) {
        if (e instanceof InvalidDefinitionException invalid) {
            for (Problem problem : invalid.problems()) {
                if (problem.severity() == Severity.ERROR) {
                    getLog().error(problem.format());
                } else {
                    getLog().warn(problem.format());
                }
            }
            String message = e.getMessage();
            return new MojoFailureException(message.substring(message.lastIndexOf('\n') + 1), e);
        }
        return new MojoFailureException(e.getMessage(), e);
    }
}
