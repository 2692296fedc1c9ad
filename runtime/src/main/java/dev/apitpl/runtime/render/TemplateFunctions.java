package dev.apitpl.runtime.render;

import dev.apitpl.runtime.error.ApiTplException;
import dev.apitpl.runtime.error.SecretNotFoundException;
import java.util.ArrayList;
import java.util.List;

/**
 * The functions templates may call besides Jinja's built-ins. Public only because the template engine
 * invokes them reflectively; they work only while a {@link TemplateRenderer} renders on the calling thread.
 */
public final class TemplateFunctions {

    private TemplateFunctions() {
    }

    /**
     * Python's {@code range(stop)}, {@code range(start, stop[, step])} as a list; more items than the render's step
     * limit is {@link dev.apitpl.runtime.error.RenderLimitExceededException}, never a shortened list.
     */
    public static List<Long> range(Object... args) {
        RenderScope scope = RenderScope.current();
        if (args.length < 1 || args.length > 3) {
            throw scope.forbid("range() takes 1 to 3 arguments, got " + args.length);
        }
        long[] numbers = new long[args.length];
        for (int i = 0; i < args.length; i++) {
            if (!PythonNumbers.isIntegral(args[i])) {
                throw scope.forbid("range() needs whole numbers, got " + PythonOperators.typeName(args[i]));
            }
            numbers[i] = PythonNumbers.bigInteger(args[i]).longValue();
        }
        long start = args.length == 1 ? 0 : numbers[0];
        long stop = args.length == 1 ? numbers[0] : numbers[1];
        long step = args.length == 3 ? numbers[2] : 1;
        if (step == 0) {
            throw scope.forbid("range() step must not be zero");
        }
        long count = step > 0 ? Math.max(0, (stop - start + step - 1) / step) : Math.max(0, (start - stop - step - 1) / -step);
        if (count > scope.limits.maxRenderSteps()) {
            throw scope.fail(scope.limitError("the limit of " + scope.limits.maxRenderSteps() + " items per range() ("
                    + count + " asked)"));
        }
        List<Long> items = new ArrayList<>((int) count);
        for (long i = 0, value = start; i < count; i++, value += step) {
            items.add(value);
        }
        return items;
    }

    /** {@code {{ secret('NAME') }}}: the secret's value from the render's {@link dev.apitpl.runtime.secret.SecretResolver}. */
    public static String secret(String name) {
        RenderScope scope = RenderScope.current();
        if (name == null || name.isBlank()) {
            throw scope.forbid("secret() needs a secret name, e.g. secret('API_TOKEN')");
        }
        String value;
        try {
            value = scope.secrets.resolve(name).orElse(null);
        } catch (ApiTplException e) {
            // Keep the source's own error (e.g. SecretSourceException, which a state machine may retry) rather
            // than letting the template engine turn it into a render error.
            throw scope.fail(e);
        }
        if (value == null) {
            throw scope.fail(new SecretNotFoundException("template '" + scope.template + "': field '" + scope.field()
                    + "' uses secret '" + name + "', which is not defined; create it or fix the name"));
        }
        scope.secretRead(value);
        return value;
    }
}
