package dev.apitpl.runtime.http;

import dev.apitpl.runtime.error.InvalidRequestException;
import java.time.Duration;
import java.util.Map;

/**
 * Bounds on every outbound call.
 *
 * @param connectTimeout   time to establish a connection
 * @param defaultTimeout   total time for a call whose template sets none
 * @param maxResponseBytes response body read cap; reading stops there
 * @param maxRedirects     hops followed when a template asks for redirects
 */
public record CallLimits(Duration connectTimeout, Duration defaultTimeout, long maxResponseBytes, int maxRedirects) {

    public static final String CONNECT_TIMEOUT_ENV = "APITPL_CONNECT_TIMEOUT_MS";
    public static final String DEFAULT_TIMEOUT_ENV = "APITPL_DEFAULT_TIMEOUT_MS";
    public static final String MAX_RESPONSE_BYTES_ENV = "APITPL_MAX_RESPONSE_BYTES";

    public static final CallLimits DEFAULTS =
            new CallLimits(Duration.ofSeconds(3), Duration.ofSeconds(10), 1024 * 1024, 5);

    public static CallLimits fromEnvironment(Map<String, String> env) {
        return new CallLimits(
                Duration.ofMillis(positiveNumber(env, CONNECT_TIMEOUT_ENV, DEFAULTS.connectTimeout.toMillis())),
                Duration.ofMillis(positiveNumber(env, DEFAULT_TIMEOUT_ENV, DEFAULTS.defaultTimeout.toMillis())),
                positiveNumber(env, MAX_RESPONSE_BYTES_ENV, DEFAULTS.maxResponseBytes),
                DEFAULTS.maxRedirects);
    }

    public CallLimits withMaxResponseBytes(long bytes) {
        return new CallLimits(connectTimeout, defaultTimeout, bytes, maxRedirects);
    }

    public CallLimits withDefaultTimeout(Duration timeout) {
        return new CallLimits(connectTimeout, timeout, maxResponseBytes, maxRedirects);
    }

    /**
     * A whole number, 0 or more, from the environment (a cache TTL in seconds, where 0 turns the cache off), or the
     * fallback when unset; a negative or non-numeric value is an {@link InvalidRequestException} naming the variable.
     */
    public static long nonNegativeNumber(Map<String, String> env, String name, long fallback) {
        return wholeNumber(env, name, fallback, 0, "a whole number, 0 or more (0 turns the cache off)");
    }

    /** A positive whole number from the environment, or the fallback when unset; a bad value is reported by name. */
    public static long positiveNumber(Map<String, String> env, String name, long fallback) {
        return wholeNumber(env, name, fallback, 1, "a positive whole number");
    }

    private static long wholeNumber(Map<String, String> env, String name, long fallback, long minimum, String expected) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            long parsed = Long.parseLong(value.trim());
            if (parsed >= minimum) {
                return parsed;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new InvalidRequestException("environment variable " + name + " must be " + expected + ", got '" + value
                + "'; fix or unset it (unset means " + fallback + ")");
    }
}
