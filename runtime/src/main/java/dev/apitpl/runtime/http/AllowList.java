package dev.apitpl.runtime.http;

import dev.apitpl.runtime.error.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Destinations named explicitly: host names ({@code api.example.com}), suffix wildcards
 * ({@code *.example.com}), IP addresses and CIDR blocks ({@code 10.1.0.0/16}).
 */
final class AllowList {

    static final AllowList EMPTY = new AllowList(List.of(), List.of());

    private final List<String> hostPatterns;
    private final List<IpRange> ranges;

    private AllowList(List<String> hostPatterns, List<IpRange> ranges) {
        this.hostPatterns = hostPatterns;
        this.ranges = ranges;
    }

    /**
     * @param source where the entries come from, named in errors (e.g. "APITPL_ALLOWED_DESTINATIONS")
     */
    static AllowList parse(List<String> entries, String source) {
        if (entries == null || entries.isEmpty()) {
            return EMPTY;
        }
        List<String> hosts = new ArrayList<>();
        List<IpRange> cidrs = new ArrayList<>();
        for (String raw : entries) {
            String entry = raw == null ? "" : raw.trim().toLowerCase(Locale.ROOT);
            if (entry.isEmpty()) {
                continue;
            }
            if (entry.contains("/") || entry.contains(":") || IpRange.isCanonicalIpv4(entry)
                    || entry.startsWith("[")) {
                try {
                    cidrs.add(IpRange.parse(entry));
                } catch (IllegalArgumentException e) {
                    throw new InvalidRequestException(source + ": " + e.getMessage()
                            + "; use a host name, *.domain, an IP address or a CIDR block such as 10.0.0.0/8");
                }
            } else if (entry.matches("(\\*\\.)?[a-z0-9_]([a-z0-9_.-]*[a-z0-9_])?")) {
                hosts.add(entry);
            } else {
                throw new InvalidRequestException(source + ": '" + raw.trim()
                        + "' is not a host name, *.domain, IP address or CIDR block");
            }
        }
        return new AllowList(List.copyOf(hosts), List.copyOf(cidrs));
    }

    static AllowList parseCommaSeparated(String value, String source) {
        return value == null || value.isBlank() ? EMPTY : parse(List.of(value.split(",")), source);
    }

    boolean isEmpty() {
        return hostPatterns.isEmpty() && ranges.isEmpty();
    }

    boolean permitsHost(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        for (String pattern : hostPatterns) {
            if (pattern.startsWith("*.") ? h.endsWith(pattern.substring(1)) : h.equals(pattern)) {
                return true;
            }
        }
        return false;
    }

    boolean permitsAddress(byte[] address) {
        for (IpRange range : ranges) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }
}
