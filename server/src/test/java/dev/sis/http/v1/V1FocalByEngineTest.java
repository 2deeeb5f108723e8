package dev.sis.http.v1;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sis.config.SisConfig;
import dev.sis.testing.Eventually;
import dev.sis.testing.Prerequisite;
import dev.sis.testing.Requires;
import dev.sis.testing.TestImages;
import dev.sis.testing.TestServer;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The focal point kept with an image is measured by the engine's own measure where it has one:
 * libvips' attention (edges, skin tones, saturation — as {@code gravity=smart} crops there) on
 * the vips engine, sis's local contrast of luma on the java engine. The picture has two
 * candidates that the measures rank differently: a grey patch of coarse light-and-dark blocks
 * (the most contrast of luma) and a flat saturated skin-coloured patch (the most attention).
 */
class V1FocalByEngineTest {
    private static final int WIDTH = 240;
    private static final int HEIGHT = 160;
    /** The grey blocks: top left, off-centre. */
    private static final Rectangle GREY = new Rectangle(20, 20, 60, 40);
    /** The skin-coloured patch: bottom right, off-centre. */
    private static final Rectangle SKIN = new Rectangle(150, 100, 70, 50);

    @RegisterExtension
    final EngineServers servers = new EngineServers();

    @Test
    @Requires(Prerequisite.LIBVIPS)
    void onTheVipsEngineTheFocalPointIsWhereLibvipsAttentionLooks() throws Exception {
        TestServer server = servers.start(SisConfig.EngineChoice.VIPS);

        assertThat(storedFocal(server)).as("the focal point, in the skin-coloured patch").matches(SKIN::contains);
    }

    @Test
    void onTheJavaEngineTheFocalPointIsWhereTheLumaContrastIs() throws Exception {
        TestServer server = servers.start(SisConfig.EngineChoice.JAVA);

        assertThat(storedFocal(server)).as("the focal point, in the grey blocks").matches(GREY::contains);
    }

    /** The stored focal point of the picture uploaded to {@code server}, in its pixels. */
    private static java.awt.Point storedFocal(TestServer server) throws Exception {
        String md5 = Answers.put(server, "two-patches.png", twoPatches()).get("md5").textValue();
        JsonNode[] info = new JsonNode[1];
        Eventually.await(Duration.ofSeconds(20), "the analysis of " + md5, () -> {
            info[0] = Answers.json(server.client().get("/v1/info/" + md5));
            return info[0].has("focal");
        });
        JsonNode focal = info[0].get("focal");
        return new java.awt.Point((int) (focal.get("x").doubleValue() * WIDTH), (int) (focal.get("y").doubleValue() * HEIGHT));
    }

    private static byte[] twoPatches() {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(3);
        int[] blocks = new int[WIDTH / 4 * (HEIGHT / 4)];
        for (int i = 0; i < blocks.length; i++) {
            blocks[i] = random.nextBoolean() ? 0x505050 : 0x828282;
        }
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                int rgb = 0x5A6E5A; // a dull green-grey ground
                if (GREY.contains(x, y)) {
                    rgb = blocks[y / 4 * (WIDTH / 4) + x / 4]; // 4×4 blocks: still there in the 64-pixel copy
                } else if (SKIN.contains(x, y)) {
                    rgb = 0xEBA078;
                }
                image.setRGB(x, y, rgb);
            }
        }
        return TestImages.encode(image, "png");
    }
}
