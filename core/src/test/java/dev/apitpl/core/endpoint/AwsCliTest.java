package dev.apitpl.core.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apitpl.core.engine.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The AWS CLI against the endpoint with {@code --endpoint-url}: Step Functions, DynamoDB and STS. */
class AwsCliTest {

    private static LocalEndpoint endpoint;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(cliInstalled(), "the AWS CLI (aws) is not installed; skipping the AWS CLI tests");
        endpoint = LocalEndpoint.builder().start();
    }

    @AfterAll
    static void stop() {
        if (endpoint != null) {
            endpoint.close();
        }
    }

    private static boolean cliInstalled() {
        try {
            Process version = new ProcessBuilder("aws", "--version").redirectErrorStream(true).start();
            return version.waitFor(60, TimeUnit.SECONDS) && version.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Runs {@code aws ARGS --endpoint-url URL}; returns exit status and output. */
    private static Result aws(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("aws"));
        command.addAll(List.of(args));
        command.addAll(List.of("--endpoint-url", endpoint.url().toString(), "--region", "eu-west-1", "--output", "json"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("AWS_ACCESS_KEY_ID", "cli");
        builder.environment().put("AWS_SECRET_ACCESS_KEY", "cli");
        builder.environment().remove("AWS_PROFILE");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(2, TimeUnit.MINUTES), "aws " + String.join(" ", args) + " did not finish");
        return new Result(process.exitValue(), output);
    }

    private record Result(int status, String output) {
        JsonNode json() {
            return Json.parse(output);
        }
    }

    @Test
    void stepFunctionsThroughTheCli() throws Exception {
        Result created = aws("stepfunctions", "create-state-machine", "--name", "cli-machine", "--definition",
                StepFunctionsApiTest.PASS, "--role-arn", StepFunctionsApiTest.ROLE, "--publish");
        assertEquals(0, created.status(), created.output());
        String arn = created.json().get("stateMachineArn").asText();
        assertEquals("arn:aws:states:eu-west-1:" + LocalEndpoint.ACCOUNT_ID + ":stateMachine:cli-machine", arn);
        assertEquals(arn + ":1", created.json().get("stateMachineVersionArn").asText());
        Result started = aws("stepfunctions", "start-execution", "--state-machine-arn", arn, "--input", "{\"x\":1}");
        assertEquals(0, started.status(), started.output());
        String execution = started.json().get("executionArn").asText();
        String status = "RUNNING";
        for (int i = 0; i < 50 && status.equals("RUNNING"); i++) {
            status = aws("stepfunctions", "describe-execution", "--execution-arn", execution).json().get("status").asText();
        }
        assertEquals("SUCCEEDED", status);
        Result duplicate = aws("stepfunctions", "create-state-machine", "--name", "cli-machine", "--definition",
                "{\"StartAt\":\"S\",\"States\":{\"S\":{\"Type\":\"Succeed\"}}}", "--role-arn", StepFunctionsApiTest.ROLE);
        assertTrue(duplicate.status() != 0, duplicate.output());
        assertTrue(duplicate.output().contains("StateMachineAlreadyExists") && duplicate.output().contains(arn),
                duplicate.output());
    }

    @Test
    void dynamoDbAndStsThroughTheCli() throws Exception {
        Result table = aws("dynamodb", "create-table", "--table-name", "cli-table", "--billing-mode", "PAY_PER_REQUEST",
                "--attribute-definitions", "AttributeName=PK,AttributeType=S", "--key-schema",
                "AttributeName=PK,KeyType=HASH");
        assertEquals(0, table.status(), table.output());
        assertEquals(0, aws("dynamodb", "put-item", "--table-name", "cli-table", "--item", "{\"PK\":{\"S\":\"a\"}}")
                .status());
        assertEquals(1, aws("dynamodb", "scan", "--table-name", "cli-table").json().get("Count").asInt());
        Result identity = aws("sts", "get-caller-identity");
        assertEquals(LocalEndpoint.ACCOUNT_ID, identity.json().get("Account").asText(), identity.output());
    }
}
