package dev.sis.http.v1;

import static dev.sis.http.v1.Answers.header;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.config.FormatQualities;
import dev.sis.config.ImageLimits;
import dev.sis.config.SisConfig;
import dev.sis.image.ImageFormat;
import dev.sis.testing.TestImages;
import dev.sis.testing.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --quality}: a request that names a format, or gets one from {@code format=auto}, and
 * gives no {@code q} is made at that format's default q; a request's own q wins; a variant in
 * the source's format keeps q85. Same bytes and ETag for the same effective q.
 */
class V1FormatQualityTest {
    @TempDir
    Path dataDir;
    private TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private String start(Map<ImageFormat, Integer> qualities) {
        ImageLimits d = ImageLimits.defaults();
        server = Answers.start(dataDir, SisConfig.EngineChoice.JAVA, new ImageLimits(d.maxSourcePixels(),
                d.maxOutputPixels(), d.maxDimension(), d.maxDecodes(), d.maxQueuedDecodes(), d.maxAnimationPixels(),
                d.maxAnimationFrames(), d.decodeMemoryBytes(), d.decodeTimeout(), d.maxJpegScans(),
                d.autoFormats(), d.avifEffort(), qualities));
        return Answers.put(server, "a.jpg", TestImages.jpeg(200, 150)).get("md5").textValue();
    }

    @Test
    void aNamedFormatWithoutQIsMadeAtThatFormatsQuality() {
        String md5 = start(Map.of(ImageFormat.WEBP, 40));

        HttpResponse<byte[]> noQ = server.client().get("/v1/images/" + md5 + "?w=100&format=webp");
        HttpResponse<byte[]> q40 = server.client().get("/v1/images/" + md5 + "?w=100&format=webp&q=40");
        HttpResponse<byte[]> q85 = server.client().get("/v1/images/" + md5 + "?w=100&format=webp&q=85");

        assertThat(noQ.body()).isEqualTo(q40.body());
        assertThat(header(noQ, "ETag")).isEqualTo(header(q40, "ETag"));
        assertThat(noQ.body()).as("a request's q wins over the default").isNotEqualTo(q85.body());
        assertThat(q85.body().length).isGreaterThan(noQ.body().length);
    }

    @Test
    void aNegotiatedFormatTakesItsOwnQualityToo() {
        String md5 = start(Map.of(ImageFormat.WEBP, 40));

        HttpResponse<byte[]> auto = server.client().get("/v1/images/" + md5 + "?w=100&format=auto", "Accept", "image/webp");
        HttpResponse<byte[]> q40 = server.client().get("/v1/images/" + md5 + "?w=100&format=webp&q=40");

        assertThat(header(auto, "Content-Type")).isEqualTo("image/webp");
        assertThat(auto.body()).isEqualTo(q40.body());
        assertThat(header(auto, "ETag")).isEqualTo(header(q40, "ETag"));
    }

    @Test
    void theSourcesFormatKeepsQ85() {
        String md5 = start(Map.of(ImageFormat.JPEG, 30));

        HttpResponse<byte[]> noFormat = server.client().get("/v1/images/" + md5 + "?w=100");
        HttpResponse<byte[]> q85 = server.client().get("/v1/images/" + md5 + "?w=100&q=85");
        HttpResponse<byte[]> named = server.client().get("/v1/images/" + md5 + "?w=100&format=jpeg");
        HttpResponse<byte[]> q30 = server.client().get("/v1/images/" + md5 + "?w=100&q=30");

        assertThat(noFormat.body()).isEqualTo(q85.body());
        assertThat(named.body()).isEqualTo(q30.body());
    }

    @Test
    void theDefaultsAreTheMeasuredOnes() {
        String md5 = start(FormatQualities.DEFAULTS);

        HttpResponse<byte[]> noQ = server.client().get("/v1/images/" + md5 + "?w=100&format=webp");
        HttpResponse<byte[]> explicit = server.client().get("/v1/images/" + md5 + "?w=100&format=webp&q="
                + FormatQualities.DEFAULTS.get(ImageFormat.WEBP));

        assertThat(noQ.body()).isEqualTo(explicit.body());
    }
}
