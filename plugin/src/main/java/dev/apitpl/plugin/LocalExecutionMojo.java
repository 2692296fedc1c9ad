package dev.apitpl.plugin;

import dev.apitpl.core.engine.task.LambdaFunctions;
import dev.apitpl.core.local.LocalSetup;
import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/** What {@code run} and {@code test} share: where the definitions and templates are, and how tasks run locally. */
abstract class LocalExecutionMojo extends ApitplMojo {

    /** The state machine definition; by default the single {@code *.asl.json} in {@code statemachineDirectory}. */
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

    /** The project's classpath elements, so that its own handler classes can run. */
    @Parameter(defaultValue = "${project.testClasspathElements}", readonly = true, required = true)
    List<String> classpathElements;

    LocalSetup setup() throws MojoExecutionException {
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
        return new LocalSetup(templates.isDirectory() ? templates.toPath() : null, templateTable, substitutions,
                functions.build(), dynamoDbEndpoint == null ? null : URI.create(dynamoDbEndpoint), getLog()::info);
    }

    /** The definitions to use: {@code definition} if set, else every {@code *.asl.json} of the directory. */
    List<Path> definitions() throws MojoFailureException {
        if (definition != null) {
            if (!definition.isFile()) {
                throw new MojoFailureException("<definition> " + definition + " does not exist; fix it or -Dapitpl.definition=");
            }
            return List.of(definition.toPath());
        }
        try (Stream<Path> files = statemachineDirectory.isDirectory()
                ? Files.list(statemachineDirectory.toPath()) : Stream.empty()) {
            return files.filter(f -> f.getFileName().toString().endsWith(".asl.json")).sorted().toList();
        } catch (IOException e) {
            throw new MojoFailureException("Cannot list " + statemachineDirectory + ": " + e, e);
        }
    }
}
