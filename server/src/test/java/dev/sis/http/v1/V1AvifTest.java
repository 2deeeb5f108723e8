package dev.sis.http.v1;

import static dev.sis.http.v1.Answers.error;
import static dev.sis.http.v1.Answers.header;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.config.ImageLimits;
import dev.sis.config.SisConfig;
import dev.sis.testing.Corpus;
import dev.sis.testing.Prerequisite;
import dev.sis.testing.Requires;
import dev.sis.testing.TestImages;
import dev.sis.testing.TestServer;
import java.awt.image.BufferedImage;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code format=avif} on {@code GET /v1/images/…}: written by libvips, refused by the java engine. */
class V1AvifTest {
    @TempDir
    Path dataDir;
    @TempDir
    Path work;
    private TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private TestServer start(SisConfig.EngineChoice engine) {
        server = Answers.start(dataDir, engine);
        return server;
    }

    @Test
    @Requires({Prerequisite.LIBVIPS, Prerequisite.IMAGEMAGICK})
    void theVipsEngineWritesAnAvifThatAnIndependentDecoderReads() throws Exception {
        start(SisConfig.EngineChoice.VIPS);
        String md5 = Answers.put(server, "a.jpg", TestImages.jpeg(400, 200)).get("md5").textValue();

        HttpResponse<byte[]> avif = server.client().get("/v1/images/" + md5 + "?w=100&format=avif");

        assertThat(avif.statusCode()).as(new String(avif.body())).isEqualTo(200);
        assertThat(header(avif, "Content-Type")).isEqualTo("image/avif");
        // ISO BMFF: a 'ftyp' box whose major brand is 'avif'
        assertThat(new String(avif.body(), 4, 8, java.nio.charset.StandardCharsets.ISO_8859_1)).isEqualTo("ftypavif");
        Path file = work.resolve("v.avif");
        Files.write(file, avif.body());
        Path png = work.resolve("v.png");
        Corpus.convert(file.toString(), png.toString());
        BufferedImage decoded = TestImages.decode(Files.readAllBytes(png));
        assertThat(decoded.getWidth() + "x" + decoded.getHeight()).isEqualTo("100x50");
    }

    @Test
    @Requires(Prerequisite.LIBVIPS)
    void avifQualityChangesTheBytes() {
        start(SisConfig.EngineChoice.VIPS);
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
            server = Answers.start(dataDir.resolve("e" + effort), SisConfig.EngineChoice.VIPS, new ImageLimits(d.maxSourcePixels(),
                    d.maxOutputPixels(), d.maxDimension(), d.maxDecodes(), d.maxQueuedDecodes(), d.maxAnimationPixels(),
                    d.maxAnimationFrames(), d.decodeMemoryBytes(), d.decodeTimeout(), d.maxJpegScans(),
                    d.autoFormats(), effort));
            String md5 = Answers.put(server, "a.jpg", source).get("md5").textValue();
            HttpResponse<byte[]> avif = server.client().get("/v1/images/" + md5 + "?format=avif");
            assertThat(avif.statusCode()).isEqualTo(200);
            sizes.add(avif.body().length);
            server.close();
            server = null;
        }
        // a different effort is a different encoding: the setting is not ignored
        assertThat(sizes).hasSize(2);
    }

    @Test
    void theJavaEngineRefusesAvifWithA415ThatNamesLibvips() {
        start(SisConfig.EngineChoice.JAVA);
        String md5 = Answers.put(server, "a.png", TestImages.png(40, 20)).get("md5").textValue();

        String message = error(server.client().get("/v1/images/" + md5 + "?format=avif"), 415);

        assertThat(message).contains("needs libvips");
        // the source itself is still served
        assertThat(server.client().get("/v1/images/" + md5).statusCode()).isEqualTo(200);
    }

    @Test
    void anUnknownFormatIsABadRequestThatListsAvif() {
        start(SisConfig.EngineChoice.JAVA);
        String md5 = Answers.put(server, "a.png", TestImages.png(40, 20)).get("md5").textValue();

        String message = error(server.client().get("/v1/images/" + md5 + "?format=avif2"), 400);

        assertThat(message).contains("avif");
    }
}
