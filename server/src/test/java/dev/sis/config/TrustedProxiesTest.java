package dev.sis.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class TrustedProxiesTest {
    @Test
    void blocksMatchTheirLeadingBitsOnly() {
        TrustedProxies proxies = TrustedProxies.parse("10.0.0.0/8, 192.168.4.0/22,127.0.0.1,fd00::/8");

        assertThat(proxies.trusts(ip("10.255.1.2"))).isTrue();
        assertThat(proxies.trusts(ip("11.0.0.1"))).isFalse();
        assertThat(proxies.trusts(ip("192.168.7.255"))).isTrue();
        assertThat(proxies.trusts(ip("192.168.8.0"))).isFalse();
        assertThat(proxies.trusts(ip("127.0.0.1"))).isTrue();
        assertThat(proxies.trusts(ip("127.0.0.2"))).isFalse();
        assertThat(proxies.trusts(ip("fdab::1"))).isTrue();
        assertThat(proxies.trusts(ip("fe80::1"))).isFalse();
    }

    @Test
    void anIpv4AddressIsNeverInAnIpv6BlockNorTheOtherWayRound() {
        assertThat(TrustedProxies.parse("::/0").trusts(ip("10.0.0.1"))).isFalse();
        assertThat(TrustedProxies.parse("0.0.0.0/0").trusts(ip("::1"))).isFalse();
        assertThat(TrustedProxies.parse("0.0.0.0/0").trusts(ip("203.0.113.9"))).isTrue();
    }

    @Test
    void emptyMeansNone() {
        assertThat(TrustedProxies.parse("").isEmpty()).isTrue();
        assertThat(TrustedProxies.parse(" ").trusts(ip("127.0.0.1"))).isFalse();
    }

    @Test
    void namesBadPrefixesAndEveryThingThatIsNotAnAddress() {
        assertThatThrownBy(() -> TrustedProxies.parse("10.0.0.0/33")).hasMessageContaining("0 to 32").hasMessageContaining("10.0.0.0/33");
        assertThatThrownBy(() -> TrustedProxies.parse("::1/129")).hasMessageContaining("0 to 128");
        assertThatThrownBy(() -> TrustedProxies.parse("10.0.0.0/")).hasMessageContaining("prefix");
        assertThatThrownBy(() -> TrustedProxies.parse("10.0.0.0/-1")).hasMessageContaining("prefix");
        assertThatThrownBy(() -> TrustedProxies.parse("proxy.example.com")).hasMessageContaining("not an IP address");
        assertThatThrownBy(() -> TrustedProxies.parse("10.0.0.1,,10.0.0.2")).hasMessageContaining("not an IP address");
        assertThatThrownBy(() -> TrustedProxies.parse("300.1.1.1")).hasMessageContaining("not an IP address");
    }

    private static InetAddress ip(String literal) {
        return InetAddress.ofLiteral(literal);
    }
}
