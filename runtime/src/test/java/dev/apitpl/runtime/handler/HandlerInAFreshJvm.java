package dev.apitpl.runtime.handler;

import java.util.Map;

/**
 * Started in its own JVM by {@link GenericApiCallLambdaTest}: constructs the handler as the Lambda runtime does
 * (public no-argument constructor, configuration from the real environment) and invokes it twice, printing what
 * each invocation threw after the handler's own log line.
 */
public final class HandlerInAFreshJvm {

    private HandlerInAFreshJvm() {
    }

    public static void main(String[] args) {
        GenericApiCallLambda handler = new GenericApiCallLambda();
        Map<String, Object> input = Map.of("template", Map.of("PK", Map.of("S", "t"), "SK", Map.of("S", "GET"),
                "url", Map.of("S", "https://api.example.com/x")));
        for (int invocation = 0; invocation < 2; invocation++) {
            try {
                handler.handleRequest(input, null);
                System.out.println("returned");
            } catch (Throwable t) {
                System.out.println("thrown: " + t);
            }
        }
    }
}
