package dev.sis.http.v1;

import static dev.sis.http.v1.Answers.error;
import static dev.sis.http.v1.Answers.header;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.config.ImageLimits;
import dev.sis.config.SisConfig;
import dev.sis.testing.Prerequisite;
import dev.sis.testing.Requires;
import dev.sis.testing.TestImages;
import dev.sis.testing.TestServer;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code format=avif} on {@code GET /v1/images/…}: written by libvips, refused by the java engine. */
class V1AvifTest {
    @RegisterExtension
    final EngineServers servers = new EngineServers();

    @Test
    @Requires({Prerequisite.LIBVIPS, Prerequisite.IMAGEMAGICK})
    void theVipsEngineWritesAnAvifThatAnIndependentDecoderReads() throws Exception {
        TestServer server = servers.start(SisConfig.EngineChoice.VIPS);
        String md5 = Answers.put(server, "a.jpg", TestImages.jpeg(400, 200)).get("md5").textValue();

        HttpResponse<byte[]> avif = server.client().get("/v1/images/" + md5 + "?w=100&format=avif");

        assertThat(avif.statusCode()).as(new String(avif.body())).isEqualTo(200);
        assertThat(header(avif, "Content-Type")).isEqualTo("image/avif");
        // ISO BMFF: a 'ftyp' box whose major brand is 'avif'
        assertThat(new String(avif.body(), 4, 8, java.nio.charset.StandardCharsets.ISO_8859_1)).isEqualTo("ftypavif");
        assertThat(servers.decodedSize(avif.body(), "v.avif")).isEqualTo("100x50");
    }

    @Test
    @Requires(Prerequisite.LIBVIPS)
    void avifQualityChangesTheBytes() {
        TestServer server = servers.start(SisConfig.EngineChoice.VIPS);
        String md5 = Answers.put(server, "a.jpg", TestImages.jpeg(300, 200)).get("md5").textValue();

        byte[] low = server.client().get("/v1/images/" + md5 + "?format=avif&q=20").body();
        byte[] high = server.client().get("/v1/images/" + md5 + "?format=avif&q=90").body();

        assertThat(low.length).isLessThan(high.length);
    }

    @Test
    @Requires(Prerequisite.LIBVIPS)
    void theAvifEffortReachesTheEncoder() {
        byte[] source = TestImages.jpeg(96, 64);
        java.util.Set<Integer> sizes = new java.util.HashSet<>();
        for (int effort : new int[] {0, 6}) {
            ImageLimits d = ImageLimits.defaults();
            TestServer server = servers.start(SisConfig.EngineChoice.VIPS, new ImageLimits(d.maxSourcePixels(),
                    d.maxOutputPixels(), d.maxDimension(), d.maxDecodes(), d.maxQueuedDecodes(), d.maxAnimationPixels(),
                    d.maxAnimationFrames(), d.decodeMemoryBytes(), d.decodeTimeout(), d.maxJpegScans(),
                    d.autoFormats(), effort));
            String md5 = Answers.put(server, "a.jpg", source).get("md5").textValue();
            HttpResponse<byte[]> avif = server.client().get("/v1/images/" + md5 + "?format=avif");
            assertThat(avif.statusCode()).isEqualTo(200);
            sizes.add(avif.body().length);
        }
        // a different effort is a different encoding: the setting is not ignored
        assertThat(sizes).hasSize(2);
    }

    @Test
    void theJavaEngineRefusesAvifWithA415ThatNamesLibvips() {
        TestServer server = servers.start(SisConfig.EngineChoice.JAVA);
        String md5 = Answers.put(server, "a.png", TestImages.png(40, 20)).get("md5").textValue();

        String message = error(server.client().get("/v1/images/" + md5 + "?format=avif"), 415);

        assertThat(message).contains("needs libvips");
        // the source itself is still served
        assertThat(server.client().get("/v1/images/" + md5).statusCode()).isEqualTo(200);
    }

    @Test
    void anUnknownFormatIsABadRequestThatListsAvif() {
        TestServer server = servers.start(SisConfig.EngineChoice.JAVA);
        String md5 = Answers.put(server, "a.png", TestImages.png(40, 20)).get("md5").textValue();

        String message = error(server.client().get("/v1/images/" + md5 + "?format=avif2"), 400);

        assertThat(message).contains("avif");
    }
}
