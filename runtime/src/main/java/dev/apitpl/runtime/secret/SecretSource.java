package dev.apitpl.runtime.secret;

import dev.apitpl.runtime.error.InvalidRequestException;
import java.util.Locale;
import java.util.Map;

/**
 * Where {@code secret('NAME')} looks, chosen by {@value #SOURCE_ENV}: {@code env} (default) or
 * {@code secretsmanager}. The Secrets Manager classes are loaded only when chosen.
 */
public final class SecretSource {

    public static final String SOURCE_ENV = "APITPL_SECRETS_SOURCE";

    private SecretSource() {
    }

    public static SecretResolver fromEnvironment(Map<String, String> env) {
        String source = env.getOrDefault(SOURCE_ENV, "env").trim().toLowerCase(Locale.ROOT);
        return switch (source) {
            case "", "env", "environment" -> new EnvironmentSecretResolver(env);
            case "secretsmanager", "secrets-manager" -> SecretsManagerSecretResolver.fromEnvironment(env);
            default -> throw new InvalidRequestException(SOURCE_ENV + " is '" + source
                    + "'; use 'env' (APITPL_SECRET_<NAME> variables) or 'secretsmanager'");
        };
    }
}
