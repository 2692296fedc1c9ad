package dev.apitpl.runtime.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IpRangeTest {

    private static byte[] ip(String literal) {
        return IpRange.parseLiteral(literal).orElseThrow();
    }

    @Test
    void prefixBoundariesAreExact() {
        IpRange cgnat = IpRange.parse("100.64.0.0/10");
        assertTrue(cgnat.contains(ip("100.64.0.0")));
        assertTrue(cgnat.contains(ip("100.127.255.255")));
        assertFalse(cgnat.contains(ip("100.63.255.255")));
        assertFalse(cgnat.contains(ip("100.128.0.0")));

        IpRange ula = IpRange.parse("fc00::/7");
        assertTrue(ula.contains(ip("fdff:ffff::1")));
        assertFalse(ula.contains(ip("fe00::1")));
        assertFalse(ula.contains(ip("10.0.0.1")), "an IPv4 address is never inside an IPv6 block");
    }

    @Test
    void aBareAddressIsASingleHostAndZeroPrefixMatchesEverything() {
        assertTrue(IpRange.parse("10.0.0.1").contains(ip("10.0.0.1")));
        assertFalse(IpRange.parse("10.0.0.1").contains(ip("10.0.0.2")));
        assertTrue(IpRange.parse("0.0.0.0/0").contains(ip("203.0.113.9")));
    }

    @Test
    void literalsAreParsedWithoutDnsAndOnlyInCanonicalForm() {
        assertEquals(4, ip("192.168.0.1").length);
        assertEquals(16, ip("[::1]").length);
        assertTrue(IpRange.parseLiteral("example.com").isEmpty());
        assertTrue(IpRange.parseLiteral("0177.0.0.1").isEmpty());
        assertTrue(IpRange.parseLiteral("127.1").isEmpty());
    }

    @Test
    void ipv6TextKeepsAll16BytesIncludingMappedForms() {
        byte[] mapped = ip("::ffff:169.254.169.254");
        assertEquals(16, mapped.length, "the JDK would shorten this to 4 bytes");
        assertEquals((byte) 0xff, mapped[10]);
        assertEquals((byte) 169, mapped[12]);
        assertEquals(16, ip("1:2:3:4:5:6:7:8").length);
        assertEquals(1, ip("::1")[15]);
        assertTrue(IpRange.parseLiteral("1::2::3").isEmpty());
        assertTrue(IpRange.parseLiteral("1:2:3:4:5:6:7:8:9").isEmpty());
        assertTrue(IpRange.parseLiteral("12345::").isEmpty());
        assertTrue(IpRange.parseLiteral("::ffff:127.1").isEmpty());
    }

    @Test
    void embeddedIpv4IsCheckedInItsOwnRightEvenWhenTheIpv6FormItselfIsPublic() {
        assertTrue(BlockedRanges.reasonFor(ip("::ffff:169.254.169.254")).orElseThrow().contains("embedded"));
        assertTrue(BlockedRanges.reasonFor(ip("64:ff9b::10.0.0.1")).orElseThrow().contains("private"));
        assertTrue(BlockedRanges.reasonFor(ip("64:ff9b::8.8.8.8")).isEmpty());
    }

    @Test
    void badBlocksSayWhatIsWrong() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> IpRange.parse("10.0.0.0/40"))
                .getMessage().contains("0..32"));
        assertThrows(IllegalArgumentException.class, () -> IpRange.parse("not-an-ip/8"));
        assertThrows(IllegalArgumentException.class, () -> IpRange.parse("10.0.0.0/x"));
    }
}
