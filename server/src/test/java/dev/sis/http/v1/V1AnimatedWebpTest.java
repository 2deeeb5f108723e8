package dev.sis.http.v1;

import static dev.sis.http.v1.Answers.error;
import static dev.sis.http.v1.Answers.header;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.config.SisConfig;
import dev.sis.testing.ImageFiles;
import dev.sis.testing.Prerequisite;
import dev.sis.testing.Requires;
import dev.sis.testing.TestImages;
import dev.sis.testing.TestServer;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Animated WebP variants: from an animated GIF or WebP on the vips engine, every frame and its
 * delay kept (read back from the RIFF {@code ANMF} chunks here, not by sis); on the java engine,
 * a clear 415 instead of a silently still picture.
 */
class V1AnimatedWebpTest {
    /** Three frames of 10, 20 and 30 centiseconds. */
    private static final byte[] GIF = ImageFiles.animatedGif(
            new BufferedImage[] {flat(Color.RED), flat(Color.GREEN), flat(Color.BLUE)}, new int[] {10, 20, 30}, 0);

    @TempDir
    Path dataDir;
    private TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    @Requires(Prerequisite.LIBVIPS)
    void anAnimatedGifBecomesAnAnimatedWebpWithItsFramesAndDelays() {
        server = Answers.start(dataDir, SisConfig.EngineChoice.VIPS);
        String md5 = Answers.put(server, "anim.gif", GIF).get("md5").textValue();

        HttpResponse<byte[]> webp = server.client().get("/v1/images/" + md5 + "?w=20&format=webp");

        assertThat(webp.statusCode()).as(new String(webp.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(header(webp, "Content-Type")).isEqualTo("image/webp");
        assertThat(frameDelaysMs(webp.body())).containsExactly(100, 200, 300);
        assertThat(frameWidths(webp.body())).containsOnly(20);
    }

    @Test
    @Requires(Prerequisite.LIBVIPS)
    void anAnimatedWebpStaysAnimatedWhenResized() {
        server = Answers.start(dataDir, SisConfig.EngineChoice.VIPS);
        String gif = Answers.put(server, "anim.gif", GIF).get("md5").textValue();
        byte[] animated = server.client().get("/v1/images/" + gif + "?w=30&format=webp").body();
        String md5 = Answers.put(server, "anim.webp", animated).get("md5").textValue();

        HttpResponse<byte[]> smaller = server.client().get("/v1/images/" + md5 + "?w=10");

        assertThat(header(smaller, "Content-Type")).isEqualTo("image/webp");
        assertThat(frameDelaysMs(smaller.body())).containsExactly(100, 200, 300);
        assertThat(frameWidths(smaller.body())).containsOnly(10);
    }

    @Test
    @Requires(Prerequisite.LIBVIPS)
    void tooManyFramesForAnAnimatedWebpIs422() {
        server = Answers.start(dataDir, SisConfig.EngineChoice.VIPS);
        String md5 = Answers.put(server, "frames.gif", ImageFiles.gifWithFrames(2, 2, 5_000)).get("md5").textValue();

        assertThat(error(server.client().get("/v1/images/" + md5 + "?w=10&format=webp"), 422)).contains("frames");
    }

    @Test
    void theJavaEngineRefusesAnAnimatedWebpWith415ButMakesAStillOne() {
        server = Answers.start(dataDir, SisConfig.EngineChoice.JAVA);
        String animated = Answers.put(server, "anim.gif", GIF).get("md5").textValue();
        String still = Answers.put(server, "still.gif", TestImages.gif(40, 30)).get("md5").textValue();

        assertThat(error(server.client().get("/v1/images/" + animated + "?w=20&format=webp"), 415)).contains("needs libvips");
        HttpResponse<byte[]> one = server.client().get("/v1/images/" + still + "?w=20&format=webp");
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(frameDelaysMs(one.body())).isEmpty();
        // GIF to GIF stays the java engine's own animation
        assertThat(server.client().get("/v1/images/" + animated + "?w=20").statusCode()).isEqualTo(200);
    }

    /** The duration of each ANMF chunk (WebP container specification: 24 bits at offset 12 of its payload). */
    private static List<Integer> frameDelaysMs(byte[] webp) {
        return anmf(webp, 12);
    }

    /** The width of each ANMF frame (24 bits at offset 6, minus one). */
    private static List<Integer> frameWidths(byte[] webp) {
        return anmf(webp, 6).stream().map(w -> w + 1).toList();
    }

    private static List<Integer> anmf(byte[] webp, int field) {
        assertThat(new String(webp, 0, 4, StandardCharsets.US_ASCII) + new String(webp, 8, 4, StandardCharsets.US_ASCII))
                .isEqualTo("RIFFWEBP");
        List<Integer> values = new ArrayList<>();
        int at = 12;
        while (at + 8 <= webp.length) {
            int size = ByteBuffer.wrap(webp, at + 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
            if (new String(webp, at, 4, StandardCharsets.US_ASCII).equals("ANMF")) {
                int p = at + 8 + field;
                values.add((webp[p] & 0xFF) | (webp[p + 1] & 0xFF) << 8 | (webp[p + 2] & 0xFF) << 16);
            }
            at += 8 + size + (size & 1);
        }
        return values;
    }

    private static BufferedImage flat(Color colour) {
        BufferedImage image = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(colour);
        g.fillRect(0, 0, 40, 30);
        g.dispose();
        return image;
    }
}
