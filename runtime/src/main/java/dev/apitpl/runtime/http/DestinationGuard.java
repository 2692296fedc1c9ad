package dev.apitpl.runtime.http;

import dev.apitpl.runtime.error.DestinationBlockedException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * SSRF protection, on by default. A destination is allowed only if every address its host resolves to
 * is public, or is opened explicitly by the deployment's allow-list ({@value #ALLOWED_DESTINATIONS_ENV})
 * or the template's {@code allowedDestinations}. A non-empty template list also restricts the template to
 * the destinations it names. The decision never connects anywhere: callers pass the resolved addresses.
 */
public final class DestinationGuard {

    public static final String ALLOWED_DESTINATIONS_ENV = "APITPL_ALLOWED_DESTINATIONS";

    /**
     * Hosts that look numeric but are not a canonical dotted quad ({@code 127.1}, {@code 2130706433},
     * {@code 0x7f.1}, {@code 0177.0.0.1}). Resolvers disagree on them (the JDK reads 0177 as decimal
     * 177, inet_aton as octal 127), and no real host name has an all-numeric last label, so they are refused.
     */
    private static final Pattern NUMERIC_LOOKING = Pattern.compile("(?i)^(0x[0-9a-f]*|[0-9]+)(\\.(0x[0-9a-f]*|[0-9]*))*\\.?$");

    private final AllowList deploymentAllowList;

    public DestinationGuard(List<String> deploymentAllowList) {
        this.deploymentAllowList = AllowList.parse(deploymentAllowList, ALLOWED_DESTINATIONS_ENV);
    }

    /** The guard configured by {@value #ALLOWED_DESTINATIONS_ENV} (comma-separated hosts, IPs, CIDRs). */
    public static DestinationGuard fromEnvironment(Map<String, String> env) {
        String value = env.getOrDefault(ALLOWED_DESTINATIONS_ENV, "");
        return new DestinationGuard(value.isBlank() ? List.of() : List.of(value.split(",")));
    }

    /** Decides with the deployment's allow-list only. */
    public GuardDecision check(String host, List<InetAddress> resolved) {
        return check(host, resolved, List.of());
    }

    /**
     * @param host                 the URL's host (IPv6 literals with or without brackets)
     * @param resolved             every address the host resolved to
     * @param templateAllowList    the template's allowedDestinations (may be empty)
     */
    public GuardDecision check(String host, List<InetAddress> resolved, List<String> templateAllowList) {
        Optional<GuardDecision> badSpelling = checkSpelling(host);
        if (badSpelling.isPresent()) {
            return badSpelling.get();
        }
        String bare = unbracketed(host);
        AllowList templateList = AllowList.parse(templateAllowList, "template allowedDestinations");
        if (resolved == null || resolved.isEmpty()) {
            return GuardDecision.block(host, "'" + host + "' resolved to no address");
        }
        if (!templateList.isEmpty() && !templateList.permitsHost(bare)
                && !resolved.stream().allMatch(a -> templateList.permitsAddress(a.getAddress()))) {
            return GuardDecision.block(host, "'" + host + "' is not in the template's allowedDestinations");
        }
        if (deploymentAllowList.permitsHost(bare) || templateList.permitsHost(bare)) {
            return GuardDecision.allow(host);
        }
        for (InetAddress address : resolved) {
            byte[] bytes = address.getAddress();
            Optional<String> reason = BlockedRanges.reasonFor(bytes);
            if (reason.isPresent() && !deploymentAllowList.permitsAddress(bytes) && !templateList.permitsAddress(bytes)) {
                return GuardDecision.block(host, "'" + host + "' resolves to " + address.getHostAddress() + " ("
                        + reason.get() + "); to call it on purpose add the host or a CIDR to the template's"
                        + " allowedDestinations or to " + ALLOWED_DESTINATIONS_ENV);
            }
        }
        return GuardDecision.allow(host);
    }

    static Optional<GuardDecision> checkSpelling(String host) {
        if (host == null || host.isBlank()) {
            return Optional.of(GuardDecision.block(String.valueOf(host), "the URL has no host"));
        }
        String bare = unbracketed(host);
        if (!bare.contains(":") && NUMERIC_LOOKING.matcher(bare).matches() && !IpRange.isCanonicalIpv4(bare)) {
            return Optional.of(GuardDecision.block(host, "'" + host + "' is a non-canonical numeric address that"
                    + " resolvers interpret differently; write the address as a dotted quad such as 93.184.216.34"));
        }
        return Optional.empty();
    }

    /**
     * Why a URL is refused for an odd numeric host that {@link URI} does not even report as a host ({@code 127.1},
     * {@code 0x7f.1}, {@code 127.0.0.1.}: {@code getHost()} is null for them), or empty. Whoever turns text into a
     * URL asks this before calling a missing host a malformed URL, so such a host is a blocked destination
     * wherever it is found.
     */
    public static Optional<String> oddNumericHost(URI uri) {
        if (uri == null || uri.getHost() != null || uri.getRawAuthority() == null) {
            return Optional.empty();
        }
        String authority = uri.getRawAuthority();
        String host = authority.substring(authority.lastIndexOf('@') + 1).replaceFirst(":\\d*$", "");
        return host.isEmpty() ? Optional.empty() : checkSpelling(host).map(GuardDecision::reason);
    }

    private static String unbracketed(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /**
     * Resolves once, checks every address, and returns the checked addresses: the caller connects to
     * these, not to a second resolution of the name (DNS rebinding).
     */
    List<InetAddress> admit(String host, HostResolver resolver, List<String> templateAllowList)
            throws UnknownHostException {
        Optional<GuardDecision> badSpelling = checkSpelling(host);
        if (badSpelling.isPresent()) {
            throw new DestinationBlockedException("Blocked destination: " + badSpelling.get().reason());
        }
        List<InetAddress> addresses = resolver.resolve(unbracketed(host));
        GuardDecision decision = check(host, addresses, templateAllowList);
        if (!decision.allowed()) {
            throw new DestinationBlockedException("Blocked destination: " + decision.reason());
        }
        return addresses;
    }
}
