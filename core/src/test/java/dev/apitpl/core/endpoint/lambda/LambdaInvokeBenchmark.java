package dev.apitpl.core.endpoint.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Runtime;

/**
 * Invoke over HTTP against the same handler called directly, in one run (only with {@code -Pbench}):
 * {@code mvn -B -pl core -am -Pbench test -Dtest=LambdaInvokeBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 * Prints the first (cold) invoke's time, the warm invoke's median and mean over HTTP (client, endpoint, runtime API,
 * child JVM and back), the direct call's, and their ratio.
 */
public class LambdaInvokeBenchmark {

    private static final int WARM_UP = 200;
    private static final int ROUNDS = 1000;
    private static final String EVENT = "{\"templateName\":\"getUser\",\"method\":\"GET\",\"params\":{\"id\":\"u-7\"}}";

    @TempDir
    Path scratch;

    @Test
    void warmInvokeOverHttpAgainstADirectCall() throws Exception {
        byte[] code = TestFunctions.jar(scratch.resolve("build"));
        Path jar = Files.write(scratch.resolve("echo.jar"), code);
        try (RunningLambda running = new RunningLambda(Duration.ofMillis(100))) {
            LambdaClient lambda = running.client;
            lambda.createFunction(b -> b.functionName("bench").runtime(Runtime.JAVA21).handler("example.Handler::handleRequest")
                    .role("arn:aws:iam::000000000000:role/bench").memorySize(512).timeout(30)
                    .code(c -> c.zipFile(SdkBytes.fromByteArray(code))));
            lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName("bench"));
            long coldStart = System.nanoTime();
            String first = lambda.invoke(b -> b.functionName("bench").payload(SdkBytes.fromUtf8String(EVENT))).payload().asUtf8String();
            double coldMillis = (System.nanoTime() - coldStart) / 1e6;
            assertEquals(EVENT, first);
            for (int i = 0; i < WARM_UP; i++) {
                lambda.invoke(b -> b.functionName("bench").payload(SdkBytes.fromUtf8String(EVENT)));
            }
            long[] http = new long[ROUNDS];
            for (int i = 0; i < ROUNDS; i++) {
                long t = System.nanoTime();
                lambda.invoke(b -> b.functionName("bench").payload(SdkBytes.fromUtf8String(EVENT)));
                http[i] = System.nanoTime() - t;
            }
            long[] invoker = new long[ROUNDS];
            for (int i = 0; i < ROUNDS; i++) {
                long t = System.nanoTime();
                running.service.invoke("bench", null, EVENT);
                invoker[i] = System.nanoTime() - t;
            }
            long[] direct = direct(jar);
            System.out.printf(Locale.ROOT, "Lambda invoke benchmark (%d rounds after %d warm-up)%n", ROUNDS, WARM_UP);
            System.out.printf(Locale.ROOT, "  cold first invoke over HTTP: %.1f ms%n", coldMillis);
            System.out.printf(Locale.ROOT, "  warm invoke over HTTP: median %.3f ms, mean %.3f ms%n", median(http) / 1e6, mean(http) / 1e6);
            System.out.printf(Locale.ROOT, "  warm invoke through LambdaInvoker (the Step Functions path, no client HTTP): median %.3f ms, "
                    + "mean %.3f ms%n", median(invoker) / 1e6, mean(invoker) / 1e6);
            System.out.printf(Locale.ROOT, "  direct in-process call: median %.4f ms, mean %.4f ms%n", median(direct) / 1e6, mean(direct) / 1e6);
            System.out.printf(Locale.ROOT, "  ratio (median): %.0fx%n", median(http) / Math.max(1.0, median(direct)));
        }
    }

    /** The same handler loaded from the same jar in this JVM, called with the same event. */
    private static long[] direct(Path jar) throws Exception {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, LambdaInvokeBenchmark.class.getClassLoader())) {
            Class<?> type = loader.loadClass("example.Handler");
            Object handler = type.getConstructor().newInstance();
            Method method = type.getMethod("handleRequest", InputStream.class, OutputStream.class);
            byte[] event = EVENT.getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < WARM_UP * 10; i++) {
                method.invoke(handler, new ByteArrayInputStream(event), new ByteArrayOutputStream());
            }
            long[] times = new long[ROUNDS];
            for (int i = 0; i < ROUNDS; i++) {
                long t = System.nanoTime();
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                method.invoke(handler, new ByteArrayInputStream(event), out);
                times[i] = System.nanoTime() - t;
            }
            return times;
        }
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double mean(long[] values) {
        return Arrays.stream(values).average().orElse(0);
    }
}
