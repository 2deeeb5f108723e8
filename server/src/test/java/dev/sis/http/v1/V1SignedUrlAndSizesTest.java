package dev.sis.http.v1;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.config.SecurityConfig;
import dev.sis.config.SisConfig;
import dev.sis.security.UrlSigner;
import dev.sis.testing.Multipart;
import dev.sis.testing.TestClient;
import dev.sis.testing.TestImages;
import dev.sis.testing.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Signed variant URLs and the sizes allow-list: /v1 answers 403, the legacy routes 404; originals stay open. */
class V1SignedUrlAndSizesTest {
    private static final String KEY = "signing-key-0123456789";

    @TempDir
    Path dataDir;

    private TestServer start(String key, Set<String> sizes) {
        return TestServer.start(dataDir, c -> new SisConfig(c.server(), c.store(), c.cache(), c.upload(), c.image(),
                new SecurityConfig(null, null, null, key, sizes)));
    }

    private static String upload(TestServer server, byte[] image) {
        server.client().post("/up", new Multipart().file("f", "a.jpg", image));
        return TestImages.md5Hex(image);
    }

    @Test
    void aSignedVariantUrlIsServedAndAnUnsignedOrTamperedOneIs403() {
        try (TestServer server = start(KEY, Set.of())) {
            String md5 = upload(server, TestImages.jpeg(100, 80));
            String signed = new UrlSigner(KEY).signUrl("/v1/images/" + md5 + "?w=40&fit=cover&h=30");

            HttpResponse<byte[]> ok = server.client().get(signed);
            HttpResponse<byte[]> unsigned = server.client().get("/v1/images/" + md5 + "?w=40&fit=cover&h=30");
            HttpResponse<byte[]> tampered = server.client().get(signed.replace("w=40", "w=41"));

            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(TestImages.decode(ok.body()).getWidth()).isEqualTo(40);
            assertThat(unsigned.statusCode()).isEqualTo(403);
            assertThat(TestClient.text(unsigned)).contains("signed");
            assertThat(tampered.statusCode()).isEqualTo(403);
            assertThat(server.client().get("/v1/images/" + md5).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void theSignatureDoesNotDependOnParameterOrder() {
        try (TestServer server = start(KEY, Set.of())) {
            String md5 = upload(server, TestImages.jpeg(100, 80));
            String signed = new UrlSigner(KEY).signUrl("/v1/images/" + md5 + "?w=40&h=30");
            String sig = signed.substring(signed.indexOf("sig="));

            assertThat(server.client().get("/v1/images/" + md5 + "?" + sig + "&h=30&w=40").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void legacyStretchNeedsTheSignatureTooAndAnswers404WithoutIt() {
        try (TestServer server = start(KEY, Set.of())) {
            String md5 = upload(server, TestImages.jpeg(100, 80));
            String path = "/stretch_simple_down?md5=" + md5 + "&w=20&h=10";

            assertThat(server.client().get(path).statusCode()).isEqualTo(404);
            assertThat(server.client().get(new UrlSigner(KEY).signUrl(path)).statusCode()).isEqualTo(200);
            assertThat(server.client().get("/simple_down?md5=" + md5).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void onlyAllowedSizesAreMade() {
        try (TestServer server = start(null, Set.of("50x40", "30x"))) {
            String md5 = upload(server, TestImages.jpeg(100, 80));

            assertThat(server.client().get("/v1/images/" + md5 + "?w=50&h=40").statusCode()).isEqualTo(200);
            assertThat(server.client().get("/v1/images/" + md5 + "?w=30").statusCode()).isEqualTo(200);
            HttpResponse<byte[]> refused = server.client().get("/v1/images/" + md5 + "?w=51&h=40");
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(TestClient.text(refused)).contains("30x, 50x40");
            assertThat(server.client().get("/v1/images/" + md5 + "?format=png").statusCode()).isEqualTo(200);
            assertThat(server.client().get("/stretch_simple_down?md5=" + md5 + "&w=50&h=40").statusCode()).isEqualTo(200);
            assertThat(server.client().get("/stretch_simple_down?md5=" + md5 + "&w=60&h=40").statusCode()).isEqualTo(404);
        }
    }
}
