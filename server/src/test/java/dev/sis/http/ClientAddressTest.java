package dev.sis.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.config.TrustedProxies;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressTest {
    private final ClientAddress behindProxies = new ClientAddress(TrustedProxies.parse("10.0.0.0/8,127.0.0.1"));

    @Test
    void withNoTrustedProxiesTheHeaderIsIgnored() {
        ClientAddress none = new ClientAddress(TrustedProxies.none());

        assertThat(none.of("127.0.0.1", List.of("203.0.113.9"))).isEqualTo("127.0.0.1");
    }

    @Test
    void aPeerThatIsNotTrustedCannotNameAnotherClient() {
        assertThat(behindProxies.of("198.51.100.4", List.of("203.0.113.9"))).isEqualTo("198.51.100.4");
    }

    @Test
    void theClientIsTheNearestHopThatIsNotATrustedProxy() {
        // A client wrote a made-up address first; the proxies appended the real one, then themselves.
        assertThat(behindProxies.of("127.0.0.1", List.of("1.2.3.4, 203.0.113.9, 10.1.1.1")))
                .isEqualTo("203.0.113.9");
        assertThat(behindProxies.of("10.0.0.5", List.of("1.2.3.4", "203.0.113.9,10.1.1.1")))
                .isEqualTo("203.0.113.9");
    }

    @Test
    void whenEveryHopIsTrustedTheFarthestIsTheClient() {
        assertThat(behindProxies.of("127.0.0.1", List.of("10.9.9.9, 10.1.1.1"))).isEqualTo("10.9.9.9");
    }

    @Test
    void aHopThatIsNotAnAddressEndsTheWalkAtTheLastAddressKnown() {
        assertThat(behindProxies.of("127.0.0.1", List.of("203.0.113.9, unknown, 10.1.1.1"))).isEqualTo("10.1.1.1");
        assertThat(behindProxies.of("127.0.0.1", List.of("evil.example.com"))).isEqualTo("127.0.0.1");
        assertThat(behindProxies.of("127.0.0.1", List.of(""))).isEqualTo("127.0.0.1");
    }

    @Test
    void ipv6HopsWithOrWithoutBrackets() {
        ClientAddress v6 = new ClientAddress(TrustedProxies.parse("::1"));

        assertThat(v6.of("0:0:0:0:0:0:0:1", List.of("[2001:db8::7]"))).isEqualTo("2001:db8:0:0:0:0:0:7");
        assertThat(v6.of("0:0:0:0:0:0:0:1", List.of("2001:db8::7"))).isEqualTo("2001:db8:0:0:0:0:0:7");
    }
}
