package dev.sis.http.v1;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.config.SisConfig;
import dev.sis.testing.ImageFiles;
import dev.sis.testing.Prerequisite;
import dev.sis.testing.Requires;
import dev.sis.testing.Slow;
import dev.sis.testing.TestImages;
import dev.sis.testing.TestServer;
import java.awt.image.BufferedImage;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An animation's frames stream from libvips' loader, which reads once and in order, while each
 * frame is stepped on its own ({@code VipsFrames}). Small frames fit the loader's line cache
 * whatever the order; these frames are large enough that a step reading them out of order would
 * fail ("out of order read", answered as a broken image). GIF and animated WebP sources, each
 * step once; each answer must keep its three frames.
 */
@Slow
@Requires(Prerequisite.LIBVIPS)
class V1AnimatedLargeFramesTest {
    private static final String[] STEPS = {"w=900&h=900&fit=cover", "w=900&h=900&fit=cover&gravity=smart",
        "w=1000&blur=2", "crop=100,100,1000,600", "w=1000&h=1000&fit=pad", "rotate=90&w=600"};

    @TempDir
    Path dataDir;

    @Test
    void everyStepOfLargeFramesKeepsEveryFrame() {
        // four different frames: an encoder merges frames that repeat the one before
        BufferedImage[] frames = new BufferedImage[3];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = TestImages.decode(TestImages.png(1200, 800));
            java.awt.Graphics2D g = frames[i].createGraphics();
            g.fillRect(100 + 250 * i, 300, 200, 200);
            g.dispose();
        }
        byte[] gif = ImageFiles.animatedGif(frames, new int[] {10, 10, 10}, 0);
        try (TestServer server = Answers.start(dataDir, SisConfig.EngineChoice.VIPS)) {
            String gifMd5 = Answers.put(server, "large.gif", gif).get("md5").textValue();
            byte[] webp = server.client().get("/v1/images/" + gifMd5 + "?format=webp").body();
            String webpMd5 = Answers.put(server, "large.webp", webp).get("md5").textValue();
            assertThat(frames(webp)).isEqualTo(3);
            for (String md5 : new String[] {gifMd5, webpMd5}) {
                for (String step : STEPS) {
                    HttpResponse<byte[]> answer = server.client().get("/v1/images/" + md5 + "?" + step + "&format=webp");
                    assertThat(answer.statusCode()).as(step + ": " + new String(answer.body(), StandardCharsets.UTF_8))
                            .isEqualTo(200);
                    assertThat(frames(answer.body())).as(step).isEqualTo(3);
                }
            }
        }
    }

    /** The animated WebP's {@code ANMF} chunks (frames), counted by their four letters. */
    private static int frames(byte[] webp) {
        String riff = new String(webp, StandardCharsets.ISO_8859_1);
        int count = 0;
        for (int at = riff.indexOf("ANMF"); at >= 0; at = riff.indexOf("ANMF", at + 4)) {
            count++;
        }
        return count;
    }
}
