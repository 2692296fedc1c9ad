package dev.apitpl.core.endpoint.lambda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Flow;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.CreateFunctionResponse;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.GetFunctionResponse;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.LastUpdateStatus;
import software.amazon.awssdk.services.lambda.model.PreconditionFailedException;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.lambda.model.State;
import software.amazon.awssdk.services.lambda.model.UpdateFunctionCodeResponse;

/** Every Lambda API operation of the endpoint and its error cases, with the real {@link LambdaClient} over HTTP. */
class LambdaApiTest {

    private static final String ROLE = "arn:aws:iam::000000000000:role/apitpl-test";

    @TempDir
    static Path scratch;
    static RunningLambda running;
    static LambdaClient lambda;
    static byte[] jar;

    @BeforeAll
    static void start() {
        jar = TestFunctions.jar(scratch.resolve("build"));
        running = new RunningLambda(Duration.ofMillis(400));
        lambda = running.client;
    }

    @AfterAll
    static void stop() {
        running.close();
    }

    private static CreateFunctionResponse create(String name, Runtime runtime, byte[] code) {
        return lambda.createFunction(b -> b.functionName(name).runtime(runtime).handler("example.Handler::handleRequest")
                .role(ROLE).code(c -> c.zipFile(SdkBytes.fromByteArray(code))));
    }

    private static String sha256(byte[] bytes) throws Exception {
        return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void createIsPendingThenActiveWithTheCodesShaAndSize() throws Exception {
        CreateFunctionResponse created = create("lifecycle", Runtime.JAVA25, jar);
        assertEquals(State.PENDING, created.state());
        assertEquals("Creating", created.stateReasonCodeAsString());
        assertEquals(sha256(jar), created.codeSha256());
        assertEquals(jar.length, created.codeSize());
        assertEquals("arn:aws:lambda:us-east-1:000000000000:function:lifecycle", created.functionArn());
        lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName("lifecycle"));
        GetFunctionResponse got = lambda.getFunction(b -> b.functionName("lifecycle"));
        assertEquals(State.ACTIVE, got.configuration().state());
        assertEquals(LastUpdateStatus.SUCCESSFUL, got.configuration().lastUpdateStatus());
        assertNotEquals(created.revisionId(), got.configuration().revisionId(), "settling mints a new revision id");
        HttpResponse<byte[]> download = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(got.code().location())).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertArrayEquals(jar, download.body(), "Code.Location serves the uploaded bytes");
        assertEquals(got.configuration().revisionId(), lambda.getFunctionConfiguration(b -> b.functionName("lifecycle")).revisionId());
    }

    @Test
    void runtimesAwsNoLongerCreatesAreRefusedWithAwsMessage() {
        for (Runtime old : List.of(Runtime.JAVA17, Runtime.JAVA11)) {
            InvalidParameterValueException refused = assertThrows(InvalidParameterValueException.class, () -> create("old", old, jar));
            assertEquals("The runtime parameter of " + old + " is no longer supported for creating or updating AWS Lambda "
                    + "functions. We recommend you use a supported runtime while creating or updating functions.",
                    refused.awsErrorDetails().errorMessage());
            assertEquals(400, refused.statusCode());
        }
        assertThrows(ResourceNotFoundException.class, () -> lambda.getFunction(b -> b.functionName("old")));
    }

    @Test
    void aSecondWriteWhileAnUpdateIsInProgressIsAConflictAsOnAws() {
        create("busy", Runtime.JAVA21, jar);
        lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName("busy"));
        var first = lambda.updateFunctionConfiguration(b -> b.functionName("busy").description("first"));
        assertEquals(LastUpdateStatus.IN_PROGRESS, first.lastUpdateStatus());
        ResourceConflictException conflict = assertThrows(ResourceConflictException.class,
                () -> lambda.updateFunctionCode(b -> b.functionName("busy").zipFile(SdkBytes.fromByteArray(jar))));
        assertEquals(409, conflict.statusCode());
        assertEquals("The operation cannot be performed at this time. An update is in progress for resource: "
                + "arn:aws:lambda:us-east-1:000000000000:function:busy", conflict.awsErrorDetails().errorMessage());
        lambda.waiter().waitUntilFunctionUpdatedV2(b -> b.functionName("busy"));
        assertEquals("first", lambda.getFunctionConfiguration(b -> b.functionName("busy")).description());
    }

    @Test
    void codeAndConfigurationUpdatesArePublishedAsVersionsOnlyWhenSomethingChanged() throws Exception {
        create("versions", Runtime.JAVA21, jar);
        lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName("versions"));
        assertEquals("1", lambda.publishVersion(b -> b.functionName("versions")).version());
        assertEquals("1", lambda.publishVersion(b -> b.functionName("versions")).version(), "nothing changed: no new version");

        byte[] other = TestFunctions.jarWithExtraEntry(jar, "variant.txt");
        var updated = lambda.updateFunctionCode(b -> b.functionName("versions").zipFile(SdkBytes.fromByteArray(other)));
        assertEquals(sha256(other), updated.codeSha256());
        lambda.waiter().waitUntilFunctionUpdatedV2(b -> b.functionName("versions"));
        String stale = lambda.getFunction(b -> b.functionName("versions")).configuration().revisionId();
        lambda.updateFunctionConfiguration(b -> b.functionName("versions").timeout(7).memorySize(256)
                .environment(e -> e.variables(Map.of("K", "v"))).revisionId(stale));
        lambda.waiter().waitUntilFunctionUpdatedV2(b -> b.functionName("versions"));
        assertThrows(PreconditionFailedException.class,
                () -> lambda.updateFunctionConfiguration(b -> b.functionName("versions").timeout(8).revisionId(stale)));
        var two = lambda.publishVersion(b -> b.functionName("versions").description("second"));
        assertEquals("2", two.version());
        assertEquals(7, two.timeout());
        assertEquals(Map.of("K", "v"), two.environment().variables());

        List<FunctionConfiguration> listed = lambda.listVersionsByFunction(b -> b.functionName("versions")).versions();
        assertEquals(List.of("$LATEST", "1", "2"), listed.stream().map(FunctionConfiguration::version).toList());
        assertEquals(sha256(jar), listed.get(1).codeSha256(), "version 1 keeps the code it was published with");
        assertTrue(lambda.listFunctions().functions().stream().anyMatch(f -> f.functionName().equals("versions")));
        assertEquals(3, lambda.listFunctions(b -> b.functionVersion("ALL")).functions().stream()
                .filter(f -> f.functionName().equals("versions")).count());

        lambda.deleteFunction(b -> b.functionName("versions").qualifier("1"));
        ResourceNotFoundException gone = assertThrows(ResourceNotFoundException.class,
                () -> lambda.getFunction(b -> b.functionName("versions").qualifier("1")));
        assertEquals("Function not found: arn:aws:lambda:us-east-1:000000000000:function:versions:1",
                gone.awsErrorDetails().errorMessage());
    }

    @Test
    void aliasesCheckTheirRevisionIdAndRouting() {
        create("aliased", Runtime.JAVA21, jar);
        lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName("aliased"));
        lambda.publishVersion(b -> b.functionName("aliased"));
        var alias = lambda.createAlias(b -> b.functionName("aliased").name("live").functionVersion("1"));
        assertEquals("arn:aws:lambda:us-east-1:000000000000:function:aliased:live", alias.aliasArn());
        assertEquals(alias.revisionId(), lambda.getAlias(b -> b.functionName("aliased").name("live")).revisionId());
        assertThrows(ResourceConflictException.class,
                () -> lambda.createAlias(b -> b.functionName("aliased").name("live").functionVersion("1")));

        PreconditionFailedException stale = assertThrows(PreconditionFailedException.class,
                () -> lambda.updateAlias(b -> b.functionName("aliased").name("live").description("x").revisionId("stale")));
        assertEquals(412, stale.statusCode());
        assertEquals("PreconditionFailedException", stale.awsErrorDetails().errorCode());
        var updatedAlias = lambda.updateAlias(b -> b.functionName("aliased").name("live").description("now")
                .revisionId(alias.revisionId()));
        assertEquals("now", updatedAlias.description());
        assertNotEquals(alias.revisionId(), updatedAlias.revisionId());

        InvalidParameterValueException routing = assertThrows(InvalidParameterValueException.class,
                () -> lambda.updateAlias(b -> b.functionName("aliased").name("live").functionVersion("$LATEST")
                        .routingConfig(r -> r.additionalVersionWeights(Map.of("1", 0.5)))));
        assertEquals("$LATEST is not supported for an alias pointing to more than 1 version", routing.awsErrorDetails().errorMessage());
        assertEquals(1, lambda.listAliases(b -> b.functionName("aliased")).aliases().size());
        assertEquals("1", lambda.getFunctionConfiguration(b -> b.functionName("aliased").qualifier("live")).version());

        lambda.deleteAlias(b -> b.functionName("aliased").name("live"));
        ResourceNotFoundException missing = assertThrows(ResourceNotFoundException.class,
                () -> lambda.getAlias(b -> b.functionName("aliased").name("live")));
        assertEquals("Cannot find alias arn: arn:aws:lambda:us-east-1:000000000000:function:aliased:live",
                missing.awsErrorDetails().errorMessage());
    }

    @Test
    void deletedAndUnknownFunctionsAreNotFoundWithAwsShape() {
        create("deleted", Runtime.JAVA21, jar);
        lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName("deleted"));
        lambda.deleteFunction(b -> b.functionName("deleted"));
        for (String name : List.of("deleted", "never-created")) {
            ResourceNotFoundException notFound = assertThrows(ResourceNotFoundException.class,
                    () -> lambda.getFunction(b -> b.functionName(name)));
            assertEquals(404, notFound.statusCode());
            assertEquals("ResourceNotFoundException", notFound.awsErrorDetails().errorCode());
            assertEquals("Function not found: arn:aws:lambda:us-east-1:000000000000:function:" + name,
                    notFound.awsErrorDetails().errorMessage());
        }
        LambdaException invalid = assertThrows(LambdaException.class, () -> lambda.getFunction(b -> b.functionName("bad name!")));
        assertEquals(400, invalid.statusCode());
        assertEquals("ValidationException", invalid.awsErrorDetails().errorCode());
        assertNull(lambda.listFunctions().nextMarker());
    }

    @Test
    void createWithoutRuntimeHandlerOrRoleIsRefusedAsAwsRefusesItAndCreatesNothing() {
        InvalidParameterValueException noRuntime = assertThrows(InvalidParameterValueException.class,
                () -> lambda.createFunction(b -> b.functionName("no-runtime").handler("example.Handler::handleRequest")
                        .role(ROLE).code(c -> c.zipFile(SdkBytes.fromByteArray(jar)))));
        assertEquals(400, noRuntime.statusCode());
        assertEquals("Runtime and Handler are mandatory parameters for functions created with deployment packages.",
                noRuntime.awsErrorDetails().errorMessage());

        InvalidParameterValueException noHandler = assertThrows(InvalidParameterValueException.class,
                () -> lambda.createFunction(b -> b.functionName("no-runtime").runtime(Runtime.JAVA25)
                        .role(ROLE).code(c -> c.zipFile(SdkBytes.fromByteArray(jar)))));
        assertEquals(400, noHandler.statusCode());
        assertEquals(noRuntime.awsErrorDetails().errorMessage(), noHandler.awsErrorDetails().errorMessage());

        LambdaException noRole = assertThrows(LambdaException.class,
                () -> lambda.createFunction(b -> b.functionName("no-runtime").runtime(Runtime.JAVA25)
                        .handler("example.Handler::handleRequest").code(c -> c.zipFile(SdkBytes.fromByteArray(jar)))));
        assertEquals(400, noRole.statusCode());
        assertEquals("ValidationException", noRole.awsErrorDetails().errorCode());
        assertEquals("1 validation error detected: Value 'null' at 'role' failed to satisfy constraint: Member must not be null",
                noRole.awsErrorDetails().errorMessage());

        assertThrows(ResourceNotFoundException.class, () -> lambda.getFunction(b -> b.functionName("no-runtime")));
    }

    /** A zip of one stored entry of {@code size} random bytes: code as large as a shaded jar that does not compress. */
    private static byte[] incompressibleZip(int size, long seed) throws Exception {
        byte[] content = new byte[size];
        new Random(seed).nextBytes(content);
        CRC32 crc = new CRC32();
        crc.update(content);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(size + 200);
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            ZipEntry entry = new ZipEntry("lib/large.bin");
            entry.setMethod(ZipEntry.STORED);
            entry.setSize(size);
            entry.setCrc(crc.getValue());
            zip.putNextEntry(entry);
            zip.write(content);
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    @Test
    void codeOfAShadedJarsSizeIsAcceptedByCreateAndUpdate() throws Exception {
        // 16 MB: its base64 text (22 MB) is over the 20 MB a JSON string may have by Jackson's default; a generated
        // project's Lambda jar (about 15 MB) failed CreateFunction that way.
        byte[] first = incompressibleZip(16 * 1024 * 1024, 1);
        CreateFunctionResponse created = create("large", Runtime.JAVA25, first);
        assertEquals(first.length, created.codeSize());
        assertEquals(sha256(first), created.codeSha256());
        lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName("large"));

        byte[] second = incompressibleZip(16 * 1024 * 1024, 2);
        UpdateFunctionCodeResponse updated = lambda.updateFunctionCode(b -> b.functionName("large")
                .zipFile(SdkBytes.fromByteArray(second)));
        assertEquals(sha256(second), updated.codeSha256());
        lambda.waiter().waitUntilFunctionUpdatedV2(b -> b.functionName("large"));
        assertEquals(second.length, lambda.getFunctionConfiguration(b -> b.functionName("large")).codeSize());
    }

    @Test
    void aRequestOverAwsSizeLimitIsRefusedWithAwsError() throws Exception {
        long size = LambdaService.MAX_REQUEST_BYTES;
        HttpRequest request = HttpRequest.newBuilder(URI.create(running.server.url() + "/2015-03-31/functions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.fromPublisher(spaces(size), size)).build();
        HttpResponse<String> answer = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(413, answer.statusCode());
        assertEquals("RequestEntityTooLargeException", answer.headers().firstValue("x-amzn-ErrorType").orElse(null));
        assertTrue(answer.body().contains("Request must be smaller than 70167211 bytes for the CreateFunction operation"),
                answer.body());
    }

    /** {@code size} bytes of JSON white space, streamed without holding them all. */
    private static Flow.Publisher<ByteBuffer> spaces(long size) {
        return HttpRequest.BodyPublishers.ofInputStream(() -> new InputStream() {
            private long left = size;

            @Override
            public int read() {
                return left-- > 0 ? ' ' : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                Arrays.fill(b, off, off + n, (byte) ' ');
                left -= n;
                return n;
            }
        });
    }
}
