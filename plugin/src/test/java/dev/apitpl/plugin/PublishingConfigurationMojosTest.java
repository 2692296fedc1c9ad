package dev.apitpl.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code policy} and {@code synth} run as Maven runs them, on the archetype's workflow and templates. */
class PublishingConfigurationMojosTest {

    private static final Path ARCHETYPE = Path.of("../archetype/src/main/resources/archetype-resources/src/main");

    @TempDir
    Path project;

    private final ValidateMojoTest.RecordingLog log = new ValidateMojoTest.RecordingLog();

    @BeforeEach
    void copyTheArchetypeProject() throws IOException {
        for (String file : List.of("statemachine/workflow.asl.json", "templates/create-order.json",
                "templates/search-products.json")) {
            Path target = project.resolve("src/main").resolve(file);
            Files.createDirectories(target.getParent());
            Files.copy(ARCHETYPE.resolve(file), target);
        }
    }

    private <T extends DeploymentMojo> T configure(T mojo) {
        mojo.setLog(log);
        mojo.statemachineDirectory = project.resolve("src/main/statemachine").toFile();
        mojo.templates = project.resolve("src/main/templates").toFile();
        mojo.templateTable = "api-templates";
        mojo.functionName = "demo-api-call";
        mojo.code = project.resolve("target/demo-1.0-lambda.jar").toFile();
        mojo.handler = "dev.apitpl.runtime.handler.GenericApiCallLambda::handleRequest";
        mojo.runtime = "java25";
        mojo.memory = 1024;
        mojo.timeout = 30;
        mojo.functionAlias = "live";
        mojo.snapStart = true;
        mojo.stateMachineName = "demo";
        mojo.stateMachineType = "STANDARD";
        mojo.stateMachineAlias = "live";
        mojo.logging = "OFF";
        mojo.environment = Map.of("APITPL_SECRETS_SOURCE", "secretsmanager");
        return mojo;
    }

    @Test
    void policyWritesConcreteArnsWhenRegionAndAccountAreGiven() throws Exception {
        PolicyMojo mojo = configure(new PolicyMojo());
        mojo.region = "eu-west-1";
        mojo.accountId = "123456789012";
        mojo.partition = "aws";
        mojo.reportDirectory = project.resolve("target/apitpl").toFile();
        mojo.execute();
        String json = Files.readString(project.resolve("target/apitpl/policy.json"));
        assertTrue(json.contains("\"arn:aws:dynamodb:eu-west-1:123456789012:table/api-templates\""), json);
        assertTrue(json.contains("\"arn:aws:lambda:eu-west-1:123456789012:function:demo-api-call:live\""), json);
        assertTrue(json.contains("\"arn:aws:secretsmanager:eu-west-1:123456789012:secret:ORDERS_API_TOKEN-??????\""), json);
        assertFalse(json.contains("${"), json);
    }

    @Test
    void policyFailsOnADynamicTableNamingTheFileAndLine() throws Exception {
        Path definition = project.resolve("src/main/statemachine/workflow.asl.json");
        Files.writeString(definition, Files.readString(definition)
                .replace("\"TableName\": \"${TemplateTableName}\"", "\"TableName.$\": \"$.table\""));
        PolicyMojo mojo = configure(new PolicyMojo());
        mojo.partition = "aws";
        mojo.reportDirectory = project.resolve("target/apitpl").toFile();
        MojoFailureException failure = assertThrows(MojoFailureException.class, mojo::execute);
        assertTrue(failure.getMessage().contains("never grants '*'"), failure.getMessage());
        assertTrue(log.lines.stream().anyMatch(line -> line.startsWith("[ERROR] " + definition + ":10:")
                && line.contains("POLICY-DYNAMIC-RESOURCE")), log.lines.toString());
    }

    @Test
    void synthWritesBothTemplatesAndWarnsThatTheJarIsNotBuiltYet() throws Exception {
        SynthMojo mojo = configure(new SynthMojo());
        mojo.synthDirectory = project.resolve("target/apitpl").toFile();
        mojo.stage = "dev";
        mojo.execute();
        assertTrue(Files.readString(project.resolve("target/apitpl/template.yaml")).contains("CodeUri: \"../demo-1.0-lambda.jar\""));
        assertTrue(Files.isRegularFile(project.resolve("target/apitpl/template.json")));
        assertTrue(log.lines.stream().anyMatch(line -> line.startsWith("[WARNING]") && line.contains("mvn package")),
                log.lines.toString());
    }

    @Test
    void skipFlagsWriteNothing() throws Exception {
        SynthMojo synth = configure(new SynthMojo());
        synth.synthDirectory = project.resolve("target/apitpl").toFile();
        synth.skipSynth = true;
        synth.execute();
        PolicyMojo policy = configure(new PolicyMojo());
        policy.reportDirectory = project.resolve("target/apitpl").toFile();
        policy.skip = true;
        policy.execute();
        assertFalse(Files.exists(project.resolve("target/apitpl")));
        assertEquals(List.of("[INFO] apitpl:synth skipped", "[INFO] apitpl:policy skipped"), log.lines);
    }

    @Test
    void adminApiIsInTheStackOnlyWhenTurnedOnAndDeployNamesItsRoleParameter() throws Exception {
        SynthMojo without = configure(new SynthMojo());
        without.synthDirectory = project.resolve("target/without").toFile();
        without.execute();
        assertFalse(Files.readString(project.resolve("target/without/template.yaml")).contains("AdminHttpApi"));
        SynthMojo with = configure(new SynthMojo());
        with.adminApi = true;
        with.synthDirectory = project.resolve("target/with").toFile();
        with.execute();
        String template = Files.readString(project.resolve("target/with/template.yaml"));
        assertTrue(template.contains("AdminHttpApi") && template.contains("TemplateAdminLambda::handleRequest"), template);

        DeployMojo deploy = configure(new DeployMojo());
        deploy.adminApi = true;
        deploy.functionRoleArn = "arn:aws:iam::123456789012:role/fn";
        deploy.stateMachineRoleArn = "arn:aws:iam::123456789012:role/sm";
        deploy.endpoint = "http://127.0.0.1:9";
        deploy.reportDirectory = project.resolve("target/apitpl").toFile();
        MojoFailureException failure = assertThrows(MojoFailureException.class, deploy::execute);
        assertTrue(failure.getMessage().contains("-Dapitpl.adminFunctionRoleArn="), failure.getMessage());
    }
}
