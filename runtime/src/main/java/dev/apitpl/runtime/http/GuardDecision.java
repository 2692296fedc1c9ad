package dev.apitpl.runtime.http;

/**
 * The guard's verdict on one destination host and its resolved addresses.
 *
 * @param allowed whether the request may be sent
 * @param host    the host as written in the URL
 * @param reason  why it was blocked (names the range and the offending address), or "allowed"
 */
public record GuardDecision(boolean allowed, String host, String reason) {

    static GuardDecision allow(String host) {
        return new GuardDecision(true, host, "allowed");
    }

    static GuardDecision block(String host, String reason) {
        return new GuardDecision(false, host, reason);
    }
}
