package dev.apitpl.runtime.secret;

import java.util.Optional;

/** Looks up the value behind a template's {@code secret('NAME')}. Values never reach logs or messages. */
public interface SecretResolver {

    /** The secret's value, or empty when the source has no secret of that name. */
    Optional<String> resolve(String name);
}
