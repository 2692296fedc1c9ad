package dev.apitpl.runtime.secret;

import java.util.Optional;

/**
 * Looks up the value of a secret a template references as {@code {{ secret('NAME') }}}. Implementations
 * must be thread-safe and must never log or put the value in an exception message.
 */
@FunctionalInterface
public interface SecretResolver {

    /** The secret's value, or empty when no secret has that name. */
    Optional<String> resolve(String name);

    /** A resolver that knows no secrets: every {@code secret()} call in a template fails. */
    static SecretResolver none() {
        return name -> Optional.empty();
    }
}
