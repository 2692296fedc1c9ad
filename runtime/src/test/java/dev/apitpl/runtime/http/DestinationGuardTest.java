package dev.apitpl.runtime.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apitpl.runtime.error.DestinationBlockedException;
import dev.apitpl.runtime.error.InvalidRequestException;
import dev.apitpl.runtime.template.ApiTemplate;
import dev.apitpl.runtime.template.TemplateCodec;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The SSRF decision, made on given addresses: nothing here resolves a public name or opens a connection. */
class DestinationGuardTest {

    private final DestinationGuard guard = new DestinationGuard(List.of());

    /** Builds an address from its literal without any DNS lookup. */
    static InetAddress address(String literal) {
        byte[] bytes = IpRange.parseLiteral(literal).orElseThrow();
        try {
            return InetAddress.getByAddress(literal, bytes);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private GuardDecision decide(String host, String... addresses) {
        return guard.check(host, List.of(addresses).stream().map(DestinationGuardTest::address).toList());
    }

    @ParameterizedTest(name = "{0} is blocked as {1}")
    @CsvSource(delimiter = '|', value = {
            "169.254.169.254 | link-local",
            "169.254.170.2   | link-local",
            "127.0.0.1       | loopback",
            "127.255.255.254 | loopback",
            "0.0.0.0         | unspecified",
            "10.0.0.5        | private",
            "172.16.0.1      | private",
            "172.31.255.255  | private",
            "192.168.1.1     | private",
            "100.64.0.1      | carrier-grade NAT",
            "100.127.255.255 | carrier-grade NAT",
            "224.0.0.1       | multicast",
            "255.255.255.255 | broadcast",
            "240.0.0.1       | reserved",
            "::1             | loopback",
            "::              | unspecified",
            "fe80::1         | link-local",
            "fc00::1         | unique-local",
            "fd12:3456::1    | unique-local",
            "ff02::1         | multicast",
            "::ffff:169.254.169.254 | link-local",
            "::ffff:0:127.0.0.1     | loopback",
            "::127.0.0.1            | loopback",
            "::10.0.0.1             | private",
            "64:ff9b::a9fe:a9fe     | link-local",
            "64:ff9b::7f00:1        | loopback",
            "2002:a9fe:a9fe::1      | link-local",
            "2002:c0a8:0101::       | private",
            "2001:0:4136:e378:8000:63bf:80ff:fffe | loopback",
            "2001:0:0a00:0001::1    | private",
    })
    void internalAddressesAreBlockedWithTheRangeNamed(String literal, String rangeLabel) {
        GuardDecision decision = decide("target.example", literal);

        assertFalse(decision.allowed(), literal + " must be blocked");
        assertTrue(decision.reason().contains(rangeLabel), decision.reason());
        assertTrue(decision.reason().contains("APITPL_ALLOWED_DESTINATIONS"), "names the way to allow it on purpose");
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.216.34", "8.8.8.8", "172.32.0.1", "100.128.0.1", "2606:4700::1111",
            "2001:4860:4860::8888", "::ffff:8.8.8.8", "64:ff9b::808:808", "2002:0808:0808::1"})
    void publicAddressesAreAllowed(String literal) {
        assertTrue(decide("public.example", literal).allowed(), literal);
    }

    @Test
    void everyResolvedAddressIsChecked_notJustTheFirst() {
        GuardDecision decision = decide("mixed.example", "93.184.216.34", "2606:4700::1111", "10.1.2.3");

        assertFalse(decision.allowed());
        assertTrue(decision.reason().contains("10.1.2.3"), decision.reason());
    }

    @Test
    void aHostNameThatResolvesToAPrivateAddressIsBlockedBeforeAnyConnection() {
        List<String> lookedUp = new ArrayList<>();
        HostResolver internalDns = host -> {
            lookedUp.add(host);
            return List.of(address("10.0.0.5"));
        };

        DestinationBlockedException blocked = assertThrows(DestinationBlockedException.class,
                () -> guard.admit("billing.internal.example", internalDns, List.of()));

        assertEquals(List.of("billing.internal.example"), lookedUp, "resolved exactly once");
        assertTrue(blocked.getMessage().contains("10.0.0.5"), blocked.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.1", "2130706433", "0x7f.1", "0177.0.0.1", "0x7f000001", "017700000001", "127.0.0.1."})
    void numericHostSpellingsThatResolversReadDifferentlyAreBlockedWithoutResolving(String host) {
        HostResolver mustNotBeCalled = h -> {
            throw new AssertionError("resolved " + h);
        };

        DestinationBlockedException blocked = assertThrows(DestinationBlockedException.class,
                () -> guard.admit(host, mustNotBeCalled, List.of()));
        assertTrue(blocked.getMessage().contains("non-canonical numeric"), blocked.getMessage());
    }

    /** What the JDK resolver makes of loopback spellings: the guard sees the resolved address and blocks it. */
    @ParameterizedTest
    @ValueSource(strings = {"localhost", "[::1]", "::1", "[::ffff:127.0.0.1]", "[0:0:0:0:0:0:0:1]", "127.0.0.1"})
    void loopbackSpellingsTheJdkResolvesLocallyAreBlocked(String host) throws UnknownHostException {
        DestinationBlockedException blocked = assertThrows(DestinationBlockedException.class,
                () -> guard.admit(host, HostResolver.system(), List.of()));
        assertTrue(blocked.getMessage().contains("loopback"), blocked.getMessage());
    }

    @Test
    void theDeploymentAllowListOpensAHostByNameOrItsAddressByCidr() {
        DestinationGuard byName = new DestinationGuard(List.of("localhost"));
        DestinationGuard byCidr = DestinationGuard.fromEnvironment(
                java.util.Map.of(DestinationGuard.ALLOWED_DESTINATIONS_ENV, " 127.0.0.0/8 , ::1"));

        assertTrue(byName.check("localhost", List.of(address("127.0.0.1"))).allowed());
        assertTrue(byCidr.check("127.0.0.1", List.of(address("127.0.0.1"))).allowed());
        assertTrue(byCidr.check("[::1]", List.of(address("::1"))).allowed());
        assertFalse(byCidr.check("metadata", List.of(address("169.254.169.254"))).allowed(), "only what it names");
    }

    @Test
    void aTemplateAllowListOpensItsEntriesAndRestrictsTheTemplateToThem() {
        List<String> templateList = List.of("*.partner.example", "10.20.0.0/16");

        assertTrue(guard.check("api.partner.example", List.of(address("10.9.9.9")), templateList).allowed());
        assertTrue(guard.check("db.corp", List.of(address("10.20.1.1")), templateList).allowed());
        GuardDecision elsewhere = guard.check("evil.example", List.of(address("93.184.216.34")), templateList);
        assertFalse(elsewhere.allowed());
        assertTrue(elsewhere.reason().contains("allowedDestinations"), elsewhere.reason());
    }

    @Test
    void theEntriesATemplateAcceptsAreTheGuardsToo() throws Exception {
        ApiTemplate template = TemplateCodec.fromJson(Files.readString(
                Path.of("src/test/resources/templates/valid/internal-destinations.json")));
        List<String> entries = template.allowedDestinations();
        assertTrue(entries.contains("*.corp.example"), entries.toString());

        assertTrue(guard.check("billing.corp.example", List.of(address("10.9.9.9")), entries).allowed(), "by wildcard");
        assertTrue(guard.check("a.b.corp.example", List.of(address("172.16.0.1")), entries).allowed(), "any depth");
        assertTrue(guard.check("ledger_v2.internal.example", List.of(address("10.1.1.1")), entries).allowed());
        assertTrue(guard.check("db.example", List.of(address("10.20.3.4")), entries).allowed(), "by CIDR");
        assertTrue(guard.check("[fd00::5]", List.of(address("fd00::5")), entries).allowed());
        assertFalse(guard.check("corp.example", List.of(address("10.9.9.9")), entries).allowed(), "the suffix only");
        assertFalse(guard.check("billing.corp.example.evil.test", List.of(address("10.9.9.9")), entries).allowed());
        assertFalse(guard.check("evilcorp.example", List.of(address("93.184.216.34")), entries).allowed());
    }

    @Test
    void aMalformedAllowListEntryIsReportedWithItsSource() {
        InvalidRequestException bad = assertThrows(InvalidRequestException.class,
                () -> new DestinationGuard(List.of("10.0.0.0/33")));
        assertTrue(bad.getMessage().startsWith("APITPL_ALLOWED_DESTINATIONS"), bad.getMessage());
        assertThrows(InvalidRequestException.class,
                () -> guard.check("a.example", List.of(address("8.8.8.8")), List.of("http://x y")));
    }

    @Test
    void aHostWithNoAddressIsBlocked() {
        assertFalse(guard.check("nothing.example", List.of()).allowed());
        assertFalse(guard.check("", List.of(address("8.8.8.8"))).allowed());
    }
}
