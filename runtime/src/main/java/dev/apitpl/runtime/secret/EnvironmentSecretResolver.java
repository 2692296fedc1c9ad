package dev.apitpl.runtime.secret;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Secrets from the Lambda's environment: {@code secret('stripe.api-key')} reads
 * {@code APITPL_SECRET_STRIPE_API_KEY} (upper-cased, every character other than a letter or digit
 * becomes '_'). Suits values that Lambda encrypts at rest with KMS; use Secrets Manager for rotation.
 */
public final class EnvironmentSecretResolver implements SecretResolver {

    public static final String PREFIX = "APITPL_SECRET_";

    private final Map<String, String> environment;

    public EnvironmentSecretResolver(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** The environment variable that holds the secret {@code name}. */
    public static String variableFor(String name) {
        return PREFIX + name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    @Override
    public Optional<String> resolve(String name) {
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        return Optional.ofNullable(environment.get(variableFor(name)));
    }
}
