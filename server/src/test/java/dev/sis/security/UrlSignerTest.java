package dev.sis.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UrlSignerTest {
    private final UrlSigner signer = new UrlSigner("signing-key-0123456789");

    @Test
    void canonicalFormSortsParametersAndIgnoresSigAndToken() {
        assertThat(UrlSigner.canonical("/v1/images/abc", Map.of("w", List.of("10"), "fit", List.of("cover"),
                "sig", List.of("x"), "token", List.of("t")))).isEqualTo("/v1/images/abc?fit=cover&w=10");
    }

    @Test
    void canonicalFormEncodesPathSegmentsOneWay() {
        assertThat(UrlSigner.canonical("/v1/images/abc/a%20b+c.jpg", Map.of()))
                .isEqualTo(UrlSigner.canonical("/v1/images/abc/a b+c.jpg", Map.of()))
                .isEqualTo("/v1/images/abc/a%20b%2Bc.jpg");
    }

    @Test
    void signUrlAppendsASignatureThatVerifies() {
        String signed = signer.signUrl("/v1/images/abc?w=10&h=5");
        String sig = signed.substring(signed.indexOf("sig=") + 4);

        assertThat(signed).startsWith("/v1/images/abc?h=5&w=10&sig=");
        assertThat(sig).matches("[A-Za-z0-9_-]{43}");
        assertThat(signer.verify("/v1/images/abc", Map.of("w", List.of("10"), "h", List.of("5")), sig)).isTrue();
        assertThat(signer.verify("/v1/images/abc", Map.of("w", List.of("11"), "h", List.of("5")), sig)).isFalse();
        assertThat(new UrlSigner("another-key-0123456789").verify("/v1/images/abc",
                Map.of("w", List.of("10"), "h", List.of("5")), sig)).isFalse();
        assertThat(signer.verify("/v1/images/abc", Map.of(), null)).isFalse();
    }
}
