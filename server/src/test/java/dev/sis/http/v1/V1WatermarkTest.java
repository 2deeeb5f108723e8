package dev.sis.http.v1;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.config.SisConfig;
import dev.sis.config.VariantFeatures;
import dev.sis.image.Watermark;
import dev.sis.testing.Multipart;
import dev.sis.testing.TestClient;
import dev.sis.testing.TestImages;
import dev.sis.testing.TestServer;
import dev.sis.testing.WatermarkImages;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wm=} and {@code --watermark-all} on a real server: the watermark lands on /v1 variants
 * (also through the cached-read path), changes their ETag with its settings and its file, and
 * never touches originals or the legacy routes.
 */
class V1WatermarkTest {
    private static final byte[] SOURCE = WatermarkImages.greyPng(400, 300);
    private static final String MD5 = TestImages.md5Hex(SOURCE);

    @TempDir
    Path dataDir;

    private TestServer start(byte[] mark, boolean all) {
        Watermark watermark = mark == null ? null : Watermark.of(mark, "mark.png");
        TestServer server = TestServer.start(dataDir, c -> new SisConfig(c.server(), c.store(), c.cache(), c.upload(),
                c.image(), c.security(), c.logFormat(), c.imageEngine(),
                new VariantFeatures(List.of(), false, watermark, all)));
        server.client().post("/v1/images", new Multipart().file("file", "g.png", SOURCE));
        return server;
    }

    /** The mean colour of a 6×6 block in the opaque half of the mark on a 200×150 variant at 0.5, southeast, 0.25. */
    private static double[] markedSpot(byte[] variant) {
        BufferedImage image = TestImages.decode(variant);
        assertThat(image.getWidth()).isEqualTo(200);
        // 25 % of 200 = 50×25, margin 2 % of 150 = 3: the mark spans x 147..196, y 122..146
        double[] sum = new double[3];
        for (int y = 131; y < 137; y++) {
            for (int x = 152; x < 158; x++) {
                int p = image.getRGB(x, y);
                sum[0] += (p >> 16) & 0xFF;
                sum[1] += (p >> 8) & 0xFF;
                sum[2] += p & 0xFF;
            }
        }
        return new double[] {sum[0] / 36, sum[1] / 36, sum[2] / 36};
    }

    private static void assertNear(double[] actual, int[] expected) {
        for (int i = 0; i < 3; i++) {
            assertThat(actual[i]).as("channel %d of %s", i, java.util.Arrays.toString(actual))
                    .isCloseTo(expected[i], org.assertj.core.data.Offset.offset(4.0));
        }
    }

    @Test
    void wmPutsTheWatermarkOnTheVariantAndGivesItsOwnEtag() {
        try (TestServer server = start(WatermarkImages.halfRedMark(), false)) {
            HttpResponse<byte[]> marked = server.client().get("/v1/images/" + MD5 + "?w=200&wm=0.5");
            HttpResponse<byte[]> again = server.client().get("/v1/images/" + MD5 + "?w=200&wm=0.5");
            HttpResponse<byte[]> plain = server.client().get("/v1/images/" + MD5 + "?w=200");
            HttpResponse<byte[]> off = server.client().get("/v1/images/" + MD5 + "?w=200&wm=0");

            assertThat(marked.statusCode()).isEqualTo(200);
            assertNear(markedSpot(marked.body()), WatermarkImages.redOverGrey(0.5));
            assertNear(markedSpot(plain.body()), new int[] {128, 128, 128});
            assertThat(again.body()).as("the cached answer").isEqualTo(marked.body());
            assertThat(marked.headers().firstValue("ETag")).isNotEqualTo(plain.headers().firstValue("ETag"));
            assertThat(off.headers().firstValue("ETag")).as("wm=0: no watermark").isEqualTo(plain.headers().firstValue("ETag"));
            assertThat(server.client().get("/v1/images/" + MD5 + "?w=200&wm=0.5,northwest").headers().firstValue("ETag"))
                    .isNotEqualTo(marked.headers().firstValue("ETag"));
        }
    }

    @Test
    void originalsAndLegacyRoutesAreNeverWatermarkedEvenWithWatermarkAll() {
        try (TestServer server = start(WatermarkImages.halfRedMark(), true)) {
            assertThat(server.client().get("/v1/images/" + MD5).body()).isEqualTo(SOURCE);
            assertThat(server.client().get("/v1/images/" + MD5 + "/g.png").body()).isEqualTo(SOURCE);
            assertThat(server.client().get("/simple_down?md5=" + MD5).body()).isEqualTo(SOURCE);
            HttpResponse<byte[]> legacy = server.client().get("/stretch_simple_down?md5=" + MD5 + "&w=200&h=150");
            assertNear(markedSpot(legacy.body()), new int[] {128, 128, 128});
        }
    }

    @Test
    void watermarkAllMarksEveryV1VariantWithTheDefaultsAndRefusesWmZero() {
        try (TestServer server = start(WatermarkImages.halfRedMark(), true)) {
            HttpResponse<byte[]> plain = server.client().get("/v1/images/" + MD5 + "?w=200");
            HttpResponse<byte[]> spelled = server.client().get("/v1/images/" + MD5 + "?w=200&wm=0.5,southeast,0.25");
            HttpResponse<byte[]> off = server.client().get("/v1/images/" + MD5 + "?w=200&wm=0");

            assertNear(markedSpot(plain.body()), WatermarkImages.redOverGrey(0.5));
            assertThat(plain.headers().firstValue("ETag")).isEqualTo(spelled.headers().firstValue("ETag"));
            assertThat(off.statusCode()).isEqualTo(400);
            assertThat(TestClient.text(off)).contains("wm=0");
        }
    }

    @Test
    void anotherWatermarkFileGivesOtherVariantsNotTheStoredOnes() {
        HttpResponse<byte[]> red;
        try (TestServer server = start(WatermarkImages.halfRedMark(), false)) {
            red = server.client().get("/v1/images/" + MD5 + "?w=200&wm=0.5");
        }
        try (TestServer server = start(blueMark(), false)) {
            HttpResponse<byte[]> blue = server.client().get("/v1/images/" + MD5 + "?w=200&wm=0.5");

            assertThat(blue.headers().firstValue("ETag")).isNotEqualTo(red.headers().firstValue("ETag"));
            double[] spot = markedSpot(blue.body());
            assertThat(spot[2]).as("blue, not the stored red variant").isGreaterThan(spot[0] + 100);
        }
    }

    @Test
    void badWmValuesAndWmWithoutAWatermarkAre400() {
        try (TestServer server = start(WatermarkImages.halfRedMark(), false)) {
            assertThat(TestClient.text(server.client().get("/v1/images/" + MD5 + "?w=200&wm=2"))).contains("opacity");
            assertThat(TestClient.text(server.client().get("/v1/images/" + MD5 + "?w=200&wm=0.5,up")))
                    .contains("position must be one of", "southeast");
            assertThat(TestClient.text(server.client().get("/v1/images/" + MD5 + "?w=200&wm=0.5,south,0")))
                    .contains("scale");
            assertThat(server.client().get("/v1/images/" + MD5 + "?w=200&wm=0.555").statusCode()).isEqualTo(400);
        }
        try (TestServer server = start(null, false)) {
            HttpResponse<byte[]> none = server.client().get("/v1/images/" + MD5 + "?w=200&wm=0.5");
            assertThat(none.statusCode()).isEqualTo(400);
            assertThat(TestClient.text(none)).contains("no watermark");
        }
    }

    private static byte[] blueMark() {
        BufferedImage mark = new BufferedImage(WatermarkImages.MARK_WIDTH, WatermarkImages.MARK_HEIGHT,
                BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = mark.createGraphics();
        g.setColor(Color.BLUE);
        g.fillRect(0, 0, WatermarkImages.MARK_WIDTH / 2, WatermarkImages.MARK_HEIGHT);
        g.dispose();
        return TestImages.encode(mark, "png");
    }
}
