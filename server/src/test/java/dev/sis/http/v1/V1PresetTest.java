package dev.sis.http.v1;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.config.Preset;
import dev.sis.config.SecurityConfig;
import dev.sis.config.SisConfig;
import dev.sis.config.VariantFeatures;
import dev.sis.security.UrlSigner;
import dev.sis.testing.Multipart;
import dev.sis.testing.TestClient;
import dev.sis.testing.TestImages;
import dev.sis.testing.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ?preset=}: the variant a preset names, nothing beside it, --presets-only, and how --sizes and signing apply. */
class V1PresetTest {
    private static final Preset THUMB = new Preset("thumb", Map.of("w", "40", "h", "30", "fit", "cover"), false);
    private static final Preset AUTO = new Preset("auto", Map.of("w", "20", "format", "auto"), false);
    private static final String KEY = "signing-key-0123456789";

    @TempDir
    Path dataDir;

    private TestServer start(boolean presetsOnly, String signingKey, Set<String> sizes) {
        return TestServer.start(dataDir, c -> new SisConfig(c.server(), c.store(), c.cache(), c.upload(), c.image(),
                new SecurityConfig(null, null, null, signingKey, sizes), c.logFormat(), c.imageEngine(),
                new VariantFeatures(List.of(THUMB, AUTO), presetsOnly)));
    }

    private static String upload(TestServer server) {
        byte[] image = TestImages.jpeg(100, 80);
        server.client().post("/up", new Multipart().file("f", "a.jpg", image));
        String md5 = TestImages.md5Hex(image);
        // a cover crop's gravity=auto follows the analysis made after the upload: every request
        // of a test sees the same focal point once it is made
        dev.sis.testing.AnalysisMade.await(server.client(), md5);
        return md5;
    }

    @Test
    void aPresetIsTheVariantItsParametersName() {
        try (TestServer server = start(false, null, Set.of())) {
            String md5 = upload(server);

            HttpResponse<byte[]> preset = server.client().get("/v1/images/" + md5 + "?preset=thumb");
            HttpResponse<byte[]> spelled = server.client().get("/v1/images/" + md5 + "?w=40&h=30&fit=cover");

            assertThat(preset.statusCode()).isEqualTo(200);
            assertThat(TestImages.decode(preset.body()).getWidth()).isEqualTo(40);
            assertThat(TestImages.decode(preset.body()).getHeight()).isEqualTo(30);
            // the same variant: the same ETag, the same bytes, one variant made
            assertThat(preset.headers().firstValue("ETag")).isEqualTo(spelled.headers().firstValue("ETag"));
            assertThat(preset.body()).isEqualTo(spelled.body());
        }
    }

    @Test
    void aPresetWithFormatAutoNegotiatesAndSaysVaryAccept() {
        try (TestServer server = start(false, null, Set.of())) {
            String md5 = upload(server);

            HttpResponse<byte[]> webp = server.client().get("/v1/images/" + md5 + "?preset=auto", "Accept", "image/webp");
            HttpResponse<byte[]> plain = server.client().get("/v1/images/" + md5 + "?preset=auto", "Accept", "image/jpeg");

            assertThat(webp.headers().firstValue("Content-Type")).hasValue("image/webp");
            assertThat(plain.headers().firstValue("Content-Type")).hasValue("image/jpeg");
            assertThat(webp.headers().allValues("Vary")).contains("Accept");
        }
    }

    @Test
    void otherVariantParametersBesideAPresetAndUnknownPresetsAre400() {
        try (TestServer server = start(false, null, Set.of())) {
            String md5 = upload(server);

            HttpResponse<byte[]> both = server.client().get("/v1/images/" + md5 + "?preset=thumb&w=50");
            HttpResponse<byte[]> unknown = server.client().get("/v1/images/" + md5 + "?preset=huge");

            assertThat(both.statusCode()).isEqualTo(400);
            assertThat(TestClient.text(both)).contains("preset= cannot be combined with w=");
            assertThat(unknown.statusCode()).isEqualTo(400);
            assertThat(TestClient.text(unknown)).contains("thumb, auto");
        }
    }

    @Test
    void presetsOnlyRefusesOtherVariantsButNotOriginals() {
        try (TestServer server = start(true, null, Set.of())) {
            String md5 = upload(server);

            HttpResponse<byte[]> own = server.client().get("/v1/images/" + md5 + "?w=40&h=30&fit=cover");

            assertThat(own.statusCode()).isEqualTo(403);
            assertThat(TestClient.text(own)).contains("only its presets (thumb, auto)");
            assertThat(server.client().get("/v1/images/" + md5 + "?preset=thumb").statusCode()).isEqualTo(200);
            assertThat(server.client().get("/v1/images/" + md5).statusCode()).isEqualTo(200);
            // asked again, now that the variant is cached: the cached-read path refuses it too
            assertThat(server.client().get("/v1/images/" + md5 + "?w=40&h=30&fit=cover").statusCode()).isEqualTo(403);
        }
    }

    @Test
    void sizesDoNotRestrictPresetsButSigningCoversThem() {
        try (TestServer server = start(false, KEY, Set.of("10x10"))) {
            String md5 = upload(server);
            String path = "/v1/images/" + md5 + "?preset=thumb";

            assertThat(server.client().get(path).statusCode()).isEqualTo(403);
            assertThat(server.client().get(new UrlSigner(KEY).signUrl(path)).statusCode()).isEqualTo(200);
            assertThat(server.client().get(new UrlSigner(KEY).signUrl("/v1/images/" + md5 + "?w=40&h=30&fit=cover"))
                    .statusCode()).isEqualTo(403);
        }
    }

    @Test
    void thePresetsAreListedForThePage() {
        try (TestServer server = start(true, null, Set.of())) {
            String body = TestClient.text(server.client().get("/v1/presets"));

            assertThat(body).contains("\"name\":\"thumb\"", "\"w\":\"40\"", "\"eager\":false",
                    "\"presetsOnly\":true", "\"watermark\":false");
        }
    }
}
