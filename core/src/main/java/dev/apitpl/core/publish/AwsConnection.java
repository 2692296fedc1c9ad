package dev.apitpl.core.publish;

import java.net.URI;

/**
 * Where and as whom apitpl talks to AWS. Every field may be null: then the SDK's default chains decide (credentials
 * from the environment, {@code ~/.aws}, SSO or the instance role; the region from {@code AWS_REGION} or the profile).
 * Access keys are never part of it: they stay where the SDK's chain finds them.
 *
 * @param region   {@code -Dapitpl.region}: the region, or null for the default region chain
 * @param profile  {@code -Dapitpl.profile}: a named profile of {@code ~/.aws/config}, or null for the default
 * @param endpoint {@code -Dapitpl.endpoint}: one URL serving every service (as the local endpoint does), or null for
 *                 AWS itself (the SDK's own {@code AWS_ENDPOINT_URL} and {@code AWS_ENDPOINT_URL_<SERVICE>} variables
 *                 still apply then)
 */
public record AwsConnection(String region, String profile, URI endpoint) {

    /** The default chains, AWS's own endpoints. */
    public static final AwsConnection DEFAULT = new AwsConnection(null, null, null);

    public AwsConnection {
        region = blankToNull(region);
        profile = blankToNull(profile);
    }

    /** The connection for {@code endpoint} ({@code http://127.0.0.1:4566}), or {@link #DEFAULT} when it is blank. */
    public static AwsConnection of(String region, String profile, String endpoint) {
        String url = blankToNull(endpoint);
        URI uri = null;
        if (url != null) {
            String fix = "-Dapitpl.endpoint (<endpoint>) must be a URL such as http://127.0.0.1:4566; got '" + url + "'";
            try {
                uri = new URI(url);
            } catch (java.net.URISyntaxException e) {
                throw new IllegalArgumentException(fix, e);
            }
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException(fix);
            }
        }
        return new AwsConnection(region, profile, uri);
    }

    /** Whether the endpoint is this machine (the local endpoint, which checks no signature). */
    public boolean isLoopbackEndpoint() {
        if (endpoint == null) {
            return false;
        }
        String host = endpoint.getHost();
        return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("::1");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
