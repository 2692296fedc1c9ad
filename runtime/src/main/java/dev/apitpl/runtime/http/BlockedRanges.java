package dev.apitpl.runtime.http;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The address ranges no template may reach unless an allow-list names them: everything that is not the
 * public internet. Inside Lambda, loopback is the Runtime API and the extensions, and link-local is the
 * instance metadata and the credentials endpoint.
 */
final class BlockedRanges {

    private record Labelled(IpRange range, String label) {
    }

    private static final List<Labelled> IPV4 = List.of(
            of("0.0.0.0/8", "unspecified / this-network"),
            of("10.0.0.0/8", "private"),
            of("100.64.0.0/10", "carrier-grade NAT"),
            of("127.0.0.0/8", "loopback"),
            of("169.254.0.0/16", "link-local (instance metadata)"),
            of("172.16.0.0/12", "private"),
            of("192.0.0.0/24", "IETF protocol assignments"),
            of("192.0.2.0/24", "documentation"),
            of("192.168.0.0/16", "private"),
            of("198.18.0.0/15", "benchmarking"),
            of("198.51.100.0/24", "documentation"),
            of("203.0.113.0/24", "documentation"),
            of("224.0.0.0/4", "multicast"),
            of("240.0.0.0/4", "reserved / broadcast"));

    private static final List<Labelled> IPV6 = List.of(
            of("::/128", "unspecified"),
            of("::1/128", "loopback"),
            of("64:ff9b:1::/48", "local-use NAT64"),
            of("100::/64", "discard-only"),
            of("2001:db8::/32", "documentation"),
            of("fc00::/7", "unique-local"),
            of("fe80::/10", "link-local"),
            of("fec0::/10", "site-local"),
            of("ff00::/8", "multicast"));

    private static final IpRange IPV4_MAPPED = IpRange.parse("::ffff:0:0/96");
    private static final IpRange IPV4_TRANSLATED = IpRange.parse("::ffff:0:0:0/96");
    private static final IpRange IPV4_COMPATIBLE = IpRange.parse("::/96");
    private static final IpRange NAT64 = IpRange.parse("64:ff9b::/96");
    private static final IpRange SIX_TO_FOUR = IpRange.parse("2002::/16");
    private static final IpRange TEREDO = IpRange.parse("2001::/32");

    private BlockedRanges() {
    }

    private static Labelled of(String cidr, String label) {
        return new Labelled(IpRange.parse(cidr), label);
    }

    /** Why the address is blocked (e.g. "loopback 127.0.0.0/8"), or empty when it is a public address. */
    static Optional<String> reasonFor(byte[] address) {
        if (address.length == 4) {
            return matchIn(IPV4, address);
        }
        Optional<String> direct = matchIn(IPV6, address);
        if (direct.isPresent()) {
            return direct;
        }
        for (byte[] embedded : embeddedIpv4(address)) {
            Optional<String> inner = matchIn(IPV4, embedded);
            if (inner.isPresent()) {
                return Optional.of(inner.get() + " embedded in IPv6");
            }
        }
        return Optional.empty();
    }

    private static Optional<String> matchIn(List<Labelled> ranges, byte[] address) {
        for (Labelled candidate : ranges) {
            if (candidate.range().contains(address)) {
                return Optional.of(candidate.label() + " " + candidate.range());
            }
        }
        return Optional.empty();
    }

    /**
     * IPv4 addresses an IPv6 address carries and that a gateway or the OS may route to: mapped
     * (::ffff:a.b.c.d), translated (::ffff:0:a.b.c.d), compatible (::a.b.c.d), NAT64 (64:ff9b::a.b.c.d),
     * 6to4 (2002:AABB:CCDD::) and both Teredo addresses (server, and client stored inverted).
     */
    static List<byte[]> embeddedIpv4(byte[] v6) {
        if (v6.length != 16) {
            return List.of();
        }
        byte[] last4 = Arrays.copyOfRange(v6, 12, 16);
        if (IPV4_MAPPED.contains(v6) || IPV4_TRANSLATED.contains(v6)
                || IPV4_COMPATIBLE.contains(v6) || NAT64.contains(v6)) {
            return List.<byte[]>of(last4);
        }
        if (SIX_TO_FOUR.contains(v6)) {
            return List.<byte[]>of(Arrays.copyOfRange(v6, 2, 6));
        }
        if (TEREDO.contains(v6)) {
            byte[] client = new byte[4];
            for (int i = 0; i < 4; i++) {
                client[i] = (byte) ~last4[i];
            }
            return List.of(Arrays.copyOfRange(v6, 4, 8), client);
        }
        return List.of();
    }
}
