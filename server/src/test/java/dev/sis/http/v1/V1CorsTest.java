package dev.sis.http.v1;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.config.SecurityConfig;
import dev.sis.config.SisConfig;
import dev.sis.testing.Multipart;
import dev.sis.testing.TestImages;
import dev.sis.testing.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /v1 answers cross-origin calls only for the configured origins; the legacy /up allows any, as sis 2.0 did. */
class V1CorsTest {
    private static final String APP = "https://app.example.com";

    @TempDir
    Path dataDir;

    private TestServer start(Set<String> origins) {
        return TestServer.start(dataDir, c -> new SisConfig(c.server(), c.store(), c.cache(), c.upload(), c.image(),
                new SecurityConfig(null, null, null, null, Set.of(), origins)));
    }

    @Test
    void byDefaultV1SendsNoCorsHeadersButUpStillAllowsAny() {
        try (TestServer server = start(Set.of())) {
            HttpResponse<byte[]> v1 = server.client().get("/v1/images/" + "0".repeat(32), "Origin", APP);
            HttpResponse<byte[]> up = server.client().post("/up", new Multipart().file("f", "a.png", TestImages.png(4, 4)),
                    "Origin", APP);

            assertThat(v1.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
            assertThat(up.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        }
    }

    @Test
    void aConfiguredOriginIsAllowedAndOthersAreNot() {
        try (TestServer server = start(Set.of(APP))) {
            HttpResponse<byte[]> allowed = server.client().get("/v1/images/" + "0".repeat(32), "Origin", APP);
            HttpResponse<byte[]> other = server.client().get("/v1/images/" + "0".repeat(32), "Origin", "https://evil.example");

            assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue(APP);
            assertThat(allowed.headers().firstValue("Vary")).hasValueSatisfying(v -> assertThat(v).contains("Origin"));
            assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        }
    }

    @Test
    void configuredOriginsAlsoReplaceTheLegacyUploadsWildcard() {
        try (TestServer server = start(Set.of(APP))) {
            HttpResponse<byte[]> allowed = server.client().post("/up", new Multipart().file("f", "a.png", TestImages.png(4, 4)),
                    "Origin", APP);
            HttpResponse<byte[]> other = server.client().method("OPTIONS", "/up", new byte[0], "Origin", "https://evil.example");

            assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue(APP);
            assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        }
    }

    @Test
    void preflightAnswersTheAllowedMethodsAndHeaders() {
        try (TestServer server = start(Set.of(APP))) {
            HttpResponse<byte[]> preflight = server.client().method("OPTIONS", "/v1/images", new byte[0],
                    "Origin", APP, "Access-Control-Request-Method", "POST");

            assertThat(preflight.statusCode()).isEqualTo(204);
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue(APP);
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods")).hasValueSatisfying(m ->
                    assertThat(m).contains("POST", "PUT", "DELETE"));
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers")).hasValueSatisfying(h ->
                    assertThat(h).contains("Authorization"));
        }
    }

    @Test
    void aWildcardAllowsAnyOrigin() {
        try (TestServer server = start(Set.of("*"))) {
            HttpResponse<byte[]> answer = server.client().get("/healthz");
            HttpResponse<byte[]> v1 = server.client().get("/v1/images/" + "0".repeat(32), "Origin", "https://any.example");

            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(v1.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        }
    }
}
