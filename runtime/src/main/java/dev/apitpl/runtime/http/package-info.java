/** The outbound HTTP call: SSRF guard, limits (timeouts, body cap, redirects) and the JDK-client caller. */
package dev.apitpl.runtime.http;
