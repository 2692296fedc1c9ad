package dev.apitpl.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apitpl.core.policy.ReferenceProject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code apitpl policy} and {@code apitpl synth} on the archetype's workflow. */
class PublishingCommandsTest {

    @TempDir
    Path dir;

    private record Result(int exit, String out, String err) {}

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void policyPrintsBothRolesWithConcreteArns() {
        Result result = run("policy", "--definition", ReferenceProject.DEFINITION.toString(), "--templates",
                ReferenceProject.TEMPLATES.toString(), "--table", "orders-templates", "--function", "orders-call",
                "--env", "APITPL_SECRETS_SOURCE=secretsmanager", "--region", "eu-west-1", "--account-id", "123456789012");
        assertEquals(0, result.exit(), result.err());
        assertTrue(result.out().contains("\"arn:aws:dynamodb:eu-west-1:123456789012:table/orders-templates\""), result.out());
        assertTrue(result.out().contains("\"arn:aws:lambda:eu-west-1:123456789012:function:orders-call:live\""), result.out());
        assertTrue(result.out().contains("\"arn:aws:logs:eu-west-1:123456789012:log-group:/aws/lambda/orders-call:*\""),
                result.out());
    }

    @Test
    void synthWritesTheTemplateAndADynamicTableIsExitOneWithTheLocation() throws Exception {
        List<String> args = new ArrayList<>(List.of("synth", "--templates", ReferenceProject.TEMPLATES.toString(),
                "--code", dir.resolve("target/demo-lambda.jar").toString(), "--out", dir.resolve("target/apitpl").toString()));
        List<String> valid = new ArrayList<>(args);
        valid.addAll(List.of("--definition", ReferenceProject.DEFINITION.toString()));
        Result ok = run(valid.toArray(String[]::new));
        assertEquals(0, ok.exit(), ok.err());
        assertTrue(Files.readString(dir.resolve("target/apitpl/template.yaml")).contains("AWS::StepFunctions::StateMachineAlias"));

        Path dynamic = dir.resolve("dynamic.asl.json");
        Files.writeString(dynamic, Files.readString(ReferenceProject.DEFINITION)
                .replace("\"TableName\": \"${TemplateTableName}\"", "\"TableName.$\": \"$.table\""));
        args.addAll(List.of("--definition", dynamic.toString()));
        Result failed = run(args.toArray(String[]::new));
        assertEquals(1, failed.exit());
        assertTrue(failed.err().contains(dynamic + ":10:") && failed.err().contains("POLICY-DYNAMIC-RESOURCE"), failed.err());
    }

    @Test
    void usageErrorsNameTheOption() {
        Result missing = run("synth", "--definition", ReferenceProject.DEFINITION.toString());
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("--code JAR"), missing.err());
        Result badNumber = run("policy", "--definition", ReferenceProject.DEFINITION.toString(), "--memory", "lots");
        assertEquals(2, badNumber.exit());
        assertTrue(badNumber.err().contains("--memory takes a whole number"), badNumber.err());
    }
}
