package dev.apitpl.runtime.secret;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apitpl.runtime.error.InvalidRequestException;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EnvironmentSecretResolverTest {

    private final EnvironmentSecretResolver secrets = new EnvironmentSecretResolver(Map.of(
            "APITPL_SECRET_STRIPE_API_KEY", "sk_test_1", "APITPL_SECRET_TOKEN", "t0k"));

    @Test
    void aSecretNameMapsToAnUpperCasedPrefixedVariable() {
        assertEquals("APITPL_SECRET_STRIPE_API_KEY", EnvironmentSecretResolver.variableFor("stripe.api-key"));
        assertEquals(Optional.of("sk_test_1"), secrets.resolve("stripe.api-key"));
        assertEquals(Optional.of("t0k"), secrets.resolve("token"));
    }

    @Test
    void anUnknownOrBlankNameResolvesToNothing() {
        assertTrue(secrets.resolve("missing").isEmpty());
        assertTrue(secrets.resolve(" ").isEmpty());
    }

    @Test
    void theSourceIsChosenByEnvironmentVariable() {
        assertInstanceOf(EnvironmentSecretResolver.class, SecretSource.fromEnvironment(Map.of()));
        InvalidRequestException bad = assertThrows(InvalidRequestException.class,
                () -> SecretSource.fromEnvironment(Map.of(SecretSource.SOURCE_ENV, "vault")));
        assertTrue(bad.getMessage().contains("secretsmanager"), bad.getMessage());
    }
}
