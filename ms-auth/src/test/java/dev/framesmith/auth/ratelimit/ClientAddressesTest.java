package dev.framesmith.auth.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class ClientAddressesTest {

    private final ClientAddresses trusting = new ClientAddresses(properties(true));
    private final ClientAddresses direct = new ClientAddresses(properties(false));

    @Test
    void withoutTrustTheForwardedHeaderIsIgnored() {
        assertThat(direct.of(request("10.0.0.7", "203.0.113.9"))).isEqualTo("10.0.0.7");
    }

    @Test
    void withTrustTheEntryAddedByTheNearestProxyCounts() {
        assertThat(trusting.of(request("10.0.0.7", "203.0.113.9"))).isEqualTo("203.0.113.9");
        assertThat(trusting.of(request("10.0.0.7", "1.2.3.4, 198.51.100.2"))).isEqualTo("198.51.100.2");
        assertThat(trusting.of(request("10.0.0.7", null))).isEqualTo("10.0.0.7");
    }

    @Test
    void anEntryThatIsNoAddressFallsBackToThePeer() {
        for (String forged : new String[] {"", "localhost", "example.com", "999.1.1.1", "1.2.3", "' OR 1=1 --",
                "cafe", "x".repeat(5000), "1.2.3.4, evil.example"}) {
            assertThat(trusting.of(request("10.0.0.7", forged))).as(forged).isEqualTo("10.0.0.7");
        }
    }

    @Test
    void ipv6AddressesAreCanonical() {
        assertThat(trusting.of(request("10.0.0.7", "2001:DB8:0:0:0:0:0:1"))).isEqualTo("2001:db8:0:0:0:0:0:1");
        assertThat(trusting.of(request("10.0.0.7", "[2001:db8::1]"))).isEqualTo("2001:db8:0:0:0:0:0:1");
        assertThat(direct.of(request("0:0:0:0:0:0:0:1", null))).isEqualTo("0:0:0:0:0:0:0:1");
    }

    private static MockHttpServletRequest request(String peer, String forwardedFor) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/auth/login");
        request.setRemoteAddr(peer);
        if (forwardedFor != null) {
            request.addHeader("X-Forwarded-For", forwardedFor);
        }
        return request;
    }

    private static ClientAddressProperties properties(boolean trustForwardedFor) {
        return new ClientAddressProperties(trustForwardedFor);
    }
}
