package dev.apitpl.runtime.http;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A CIDR block compared on raw address bytes. The JDK's {@code InetAddress.isXxx()} predicates miss
 * carrier-grade NAT, unique-local, reserved and the IPv6 forms that embed IPv4, so the guard does its
 * own prefix arithmetic here.
 */
final class IpRange {

    /** Canonical dotted quad only: no leading zeros, no hex, no short forms (those are ambiguous). */
    private static final Pattern CANONICAL_IPV4 =
            Pattern.compile("^(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}$");

    private final byte[] network;
    private final int prefixLength;
    private final String text;

    private IpRange(byte[] network, int prefixLength, String text) {
        this.network = network;
        this.prefixLength = prefixLength;
        this.text = text;
    }

    /** Parses {@code 10.0.0.0/8}, {@code fc00::/7} or a single address ({@code /32} or {@code /128}). */
    static IpRange parse(String cidr) {
        String trimmed = cidr.trim();
        int slash = trimmed.indexOf('/');
        String addressPart = slash < 0 ? trimmed : trimmed.substring(0, slash);
        byte[] address = parseLiteral(addressPart)
                .orElseThrow(() -> new IllegalArgumentException("'" + cidr + "' is not an IP address or CIDR block"));
        int maxBits = address.length * 8;
        int bits;
        if (slash < 0) {
            bits = maxBits;
        } else {
            try {
                bits = Integer.parseInt(trimmed.substring(slash + 1));
            } catch (NumberFormatException e) {
                bits = -1;
            }
            if (bits < 0 || bits > maxBits) {
                throw new IllegalArgumentException(
                        "'" + cidr + "' has a prefix length outside 0.." + maxBits);
            }
        }
        return new IpRange(address, bits, trimmed);
    }

    /**
     * The bytes of an IP literal ({@code 1.2.3.4}, {@code ::1}, {@code [::1]}), or empty for anything
     * else. Never performs a DNS lookup.
     */
    static Optional<byte[]> parseLiteral(String text) {
        String s = text.trim();
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
        }
        if (s.contains(":")) {
            return parseIpv6(s);
        }
        return CANONICAL_IPV4.matcher(s).matches() ? Optional.of(ipv4Bytes(s)) : Optional.empty();
    }

    private static byte[] ipv4Bytes(String dottedQuad) {
        String[] parts = dottedQuad.split("\\.");
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            bytes[i] = (byte) Integer.parseInt(parts[i]);
        }
        return bytes;
    }

    /**
     * Parses IPv6 text into its 16 bytes. Done here rather than by {@link InetAddress}, which turns
     * {@code ::ffff:a.b.c.d} into a 4-byte address and so cannot express the IPv6 blocks themselves.
     */
    private static Optional<byte[]> parseIpv6(String text) {
        String s = text;
        int scope = s.indexOf('%');
        if (scope >= 0) {
            s = s.substring(0, scope);
        }
        byte[] tail4 = null;
        int lastColon = s.lastIndexOf(':');
        if (s.indexOf('.', lastColon) >= 0) {
            String quad = s.substring(lastColon + 1);
            if (!CANONICAL_IPV4.matcher(quad).matches()) {
                return Optional.empty();
            }
            tail4 = ipv4Bytes(quad);
            s = s.substring(0, lastColon + 1) + "0:0";
        }
        int gap = s.indexOf("::");
        if (gap != s.lastIndexOf("::")) {
            return Optional.empty();
        }
        String[] head = gap < 0 ? s.split(":", -1) : splitGroups(s.substring(0, gap));
        String[] rest = gap < 0 ? new String[0] : splitGroups(s.substring(gap + 2));
        int groups = head.length + rest.length;
        if ((gap < 0 && groups != 8) || (gap >= 0 && groups > 7)) {
            return Optional.empty();
        }
        byte[] bytes = new byte[16];
        if (!putGroups(head, bytes, 0) || !putGroups(rest, bytes, 16 - 2 * rest.length)) {
            return Optional.empty();
        }
        if (tail4 != null) {
            System.arraycopy(tail4, 0, bytes, 12, 4);
        }
        return Optional.of(bytes);
    }

    private static String[] splitGroups(String part) {
        return part.isEmpty() ? new String[0] : part.split(":", -1);
    }

    private static boolean putGroups(String[] groups, byte[] into, int offset) {
        for (int i = 0; i < groups.length; i++) {
            String g = groups[i];
            if (g.isEmpty() || g.length() > 4 || !g.matches("[0-9a-fA-F]+")) {
                return false;
            }
            int value = Integer.parseInt(g, 16);
            into[offset + 2 * i] = (byte) (value >> 8);
            into[offset + 2 * i + 1] = (byte) value;
        }
        return true;
    }

    static boolean isCanonicalIpv4(String text) {
        return CANONICAL_IPV4.matcher(text).matches();
    }

    boolean contains(byte[] address) {
        if (address.length != network.length) {
            return false;
        }
        int fullBytes = prefixLength / 8;
        for (int i = 0; i < fullBytes; i++) {
            if (address[i] != network[i]) {
                return false;
            }
        }
        int remainingBits = prefixLength % 8;
        if (remainingBits == 0) {
            return true;
        }
        int mask = (0xFF << (8 - remainingBits)) & 0xFF;
        return (address[fullBytes] & mask) == (network[fullBytes] & mask);
    }

    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IpRange other && prefixLength == other.prefixLength && Arrays.equals(network, other.network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefixLength;
    }
}
