package dev.apitpl.runtime.render;

import dev.apitpl.runtime.error.ApiTplException;
import dev.apitpl.runtime.error.SecretNotFoundException;

/**
 * The functions templates may call besides Jinja's built-ins. Public only because the template engine
 * invokes them reflectively; they work only while a {@link TemplateRenderer} renders on the calling thread.
 */
public final class TemplateFunctions {

    private TemplateFunctions() {
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
