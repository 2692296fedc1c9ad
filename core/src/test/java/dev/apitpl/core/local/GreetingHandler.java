package dev.apitpl.core.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/** A project's own Lambda handler, mapped by function name in the tests. */
public class GreetingHandler implements RequestHandler<Map<String, String>, Map<String, String>> {

    @Override
    public Map<String, String> handleRequest(Map<String, String> input, Context context) {
        String name = input.get("name");
        if (name == null || name.chars().anyMatch(Character::isDigit)) {
            throw new IllegalArgumentException("no names with digits: " + name);
        }
        return Map.of("greeting", "hello " + name);
    }
}
