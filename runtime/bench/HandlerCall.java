import dev.apitpl.runtime.handler.GenericApiCallLambda;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A fresh JVM doing what a Lambda cold start does: load and construct the handler, then serve one
 * invocation with the template item inline (as Step Functions passes $.template.Item).
 */
public class HandlerCall {
    public static void main(String[] args) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("PK", Map.of("S", "getUser"));
        item.put("SK", Map.of("S", "GET"));
        item.put("url", Map.of("S", "http://127.0.0.1:" + args[0] + "/users/{{ id }}"));
        item.put("headers", Map.of("M", Map.of("Accept", Map.of("S", "application/json"),
                "Authorization", Map.of("S", "Bearer {{ secret('BENCH_TOKEN') }}"))));
        item.put("query", Map.of("M", Map.of("verbose", Map.of("S", "{{ verbose }}"))));
        Map<String, Object> input = Map.of("template", item, "params", Map.of("id", 42, "verbose", true));

        Map<String, Object> result = new GenericApiCallLambda().handleRequest(input, null);
        if (!Integer.valueOf(200).equals(result.get("statusCode"))) {
            throw new IllegalStateException("result " + result);
        }
    }
}
