package dev.sis.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SisClientBuilderTest {
    private static final String MD5 = "0123456789abcdef0123456789abcdef";

    @ParameterizedTest
    @ValueSource(strings = {"localhost:3333", "ftp://host/", "http://", "/v1", "http://host/?a=b", "http://host/#top"})
    void refusesAServerThatIsNotAnHttpUrl(String uri) {
        assertThatThrownBy(() -> SisClient.builder(uri)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the server must be an http or https URL with a host");
    }

    @Test
    void refusesEmptySecretsAndNonPositiveTimeouts() {
        SisClientBuilder b = SisClient.builder("http://localhost:3333");
        assertThatThrownBy(() -> b.uploadToken(" ")).hasMessage("the upload token must not be empty");
        assertThatThrownBy(() -> b.adminToken("")).hasMessage("the admin token must not be empty");
        assertThatThrownBy(() -> b.signingKey("")).hasMessage("the signing key must not be empty");
        assertThatThrownBy(() -> b.requestTimeout(Duration.ZERO)).hasMessageStartingWith("the request timeout must be positive");
        assertThatThrownBy(() -> b.connectTimeout(Duration.ofSeconds(-1))).hasMessageStartingWith("the connect timeout must be positive");
        assertThatThrownBy(() -> b.mode(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void urlsKeepTheServersPathPrefixAndAreSignedWithAKey() {
        try (SisClient plain = SisClient.builder("https://cdn.example/sis/").build();
             SisClient signing = SisClient.builder(URI.create("http://h:1")).signingKey("signing-key-0123456789").build()) {
            assertThat(plain.url(ImageId.of(MD5), Variant.ofWidth(40)))
                    .isEqualTo(URI.create("https://cdn.example/sis/v1/images/" + MD5 + "?w=40"));
            assertThat(signing.url(ImageId.of(MD5), null)).isEqualTo(URI.create("http://h:1/v1/images/" + MD5));
            assertThat(signing.url(ImageId.of(MD5), Variant.ofSize(40, 30))).isEqualTo(signing.signedUrl(ImageId.of(MD5), Variant.ofSize(40, 30)))
                    .isEqualTo(URI.create("http://h:1/v1/images/" + MD5 + "?h=30&w=40&sig=r8gCQBOfVCtzUAoqaFd53N2SOXNnvw1me9JG1H1pdiQ"));
            assertThatThrownBy(() -> plain.signedUrl(ImageId.of(MD5), Variant.ofWidth(4))).isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("no signing key");
            assertThatThrownBy(() -> plain.url(null, null)).isInstanceOf(NullPointerException.class);
        }
    }

    @Test
    void aGivenHttpClientIsNotClosedByTheClient() {
        HttpClient http = HttpClient.newHttpClient();
        SisClient client = SisClient.builder("http://localhost:3333").httpClient(http).mode(ApiMode.LEGACY).build();
        client.close();

        assertThat(http.isTerminated()).isFalse();
        assertThat(client.mode()).isEqualTo(ApiMode.LEGACY);
        assertThat(client.toString()).isEqualTo("SisClient[http://localhost:3333, LEGACY]");
        http.close();
    }
}
