package dev.sis.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.testing.ImageFiles;
import dev.sis.testing.Multipart;
import dev.sis.testing.TestClient;
import dev.sis.testing.TestImages;
import dev.sis.testing.TestServer;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image engine over HTTP: WebP out on /v1, sizes as displayed in every answer, animation
 * kept, and hostile files answered with a clear 4xx — JSON on /v1, sis 2.0's answers on the
 * legacy routes — never a 500.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImageHttpTest {
    private TestServer server;
    private TestClient client;

    @BeforeAll
    void start(@TempDir Path dataDir) {
        server = TestServer.start(dataDir);
        client = server.client();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void formatWebpMakesAWebpVariant() {
        String md5 = put("photo.png", TestImages.png(300, 200));

        HttpResponse<byte[]> webp = client.get("/v1/images/" + md5 + "?w=150&format=webp&q=70");

        assertThat(webp.statusCode()).isEqualTo(200);
        assertThat(webp.headers().firstValue("Content-Type")).contains("image/webp");
        BufferedImage image = TestImages.decode(webp.body());
        assertThat(image.getWidth()).isEqualTo(150);
        assertThat(image.getHeight()).isEqualTo(100);
        assertThat(client.get("/v1/images/" + md5 + "?w=150&format=webp&q=70").body()).isEqualTo(webp.body());
    }

    @Test
    void sizesAreAsDisplayedInTheUploadAnswerTheInfoAndTheVariants() {
        byte[] rotated = ImageFiles.withExif(ImageFiles.jpeg(TestImages.picture(400, 200, 3), "4:2:0", false), 6);
        HttpResponse<byte[]> upload = client.put("/v1/images/phone.jpg", rotated);
        assertThat(upload.statusCode()).isEqualTo(201);
        assertThat(TestClient.text(upload)).contains("\"width\":200", "\"height\":400");
        String md5 = TestImages.md5Hex(rotated);

        assertThat(TestClient.text(client.get("/v1/info/" + md5))).contains("\"width\":200", "\"height\":400");
        BufferedImage half = TestImages.decode(client.get("/v1/images/" + md5 + "?w=100").body());
        assertThat(half.getWidth()).isEqualTo(100);
        assertThat(half.getHeight()).isEqualTo(200);
        BufferedImage legacy = TestImages.decode(client.get("/stretch_simple_down?md5=" + md5 + "&w=50&h=100").body());
        assertThat(legacy.getWidth()).isEqualTo(50);
        assertThat(legacy.getHeight()).isEqualTo(100);
    }

    @Test
    void anAnimatedGifStaysAnimatedAndItsFramesAreCounted() {
        BufferedImage[] frames = {flat(Color.RED), flat(Color.GREEN), flat(Color.BLUE)};
        String md5 = put("anim.gif", ImageFiles.animatedGif(frames, new int[] {10, 20, 30}, 0));

        assertThat(TestClient.text(client.get("/v1/info/" + md5))).contains("\"frames\":3");
        HttpResponse<byte[]> small = client.get("/v1/images/" + md5 + "?w=20");
        assertThat(small.statusCode()).isEqualTo(200);
        assertThat(small.headers().firstValue("Content-Type")).contains("image/gif");
        assertThat(dev.sis.image.ImageProbe.probe(new java.io.ByteArrayInputStream(small.body()), true).frames()).isEqualTo(3);
    }

    @Test
    void aPngBombIsStoredButNeverDecoded() {
        byte[] bomb = ImageFiles.pngBomb(100_000, 100_000);
        HttpResponse<byte[]> upload = client.put("/v1/images/bomb.png", bomb);
        assertThat(upload.statusCode()).isEqualTo(201);
        String md5 = TestImages.md5Hex(bomb);

        assertJsonError(client.get("/v1/images/" + md5 + "?w=100"), 422, "pixels");
        assertEmpty404(client.get("/stretch_simple_down?md5=" + md5 + "&w=100&h=100"));
    }

    @Test
    void aForgedJpegSizeIs422() {
        byte[] forged = ImageFiles.withForgedJpegSize(TestImages.jpeg(64, 64), 60_000, 60_000);
        String md5 = put("forged.jpg", forged);

        assertJsonError(client.get("/v1/images/" + md5 + "?w=100&format=png"), 422, "3600000000 pixels");
        assertEmpty404(client.get("/stretch_simple_down?md5=" + md5 + "&w=100&h=100"));
    }

    @Test
    void tooManyFramesIs422ForAnAnimationButAStillImageIsMade() {
        byte[] gif = ImageFiles.gifWithFrames(2, 2, 5_000);
        String md5 = put("frames.gif", gif);

        assertJsonError(client.get("/v1/images/" + md5 + "?w=10"), 422, "frames");
        assertThat(client.get("/v1/images/" + md5 + "?w=10&format=png").statusCode()).isEqualTo(200);
    }

    @Test
    void aTruncatedPngIs415OnV1And404OnLegacyRoutes() {
        byte[] whole = TestImages.png(300, 200);
        byte[] cut = Arrays.copyOf(whole, 60);
        String md5 = put("cut.png", cut);

        assertJsonError(client.get("/v1/images/" + md5 + "?w=100"), 415, "broken or truncated");
        assertEmpty404(client.get("/stretch_simple_down?md5=" + md5 + "&w=100&h=100"));
    }

    @Test
    void randomBytesBehindAMagicNumberAndEmptyFilesAreRefusedAtUpload() {
        byte[] noise = new byte[2_000];
        new Random(7).nextBytes(noise);
        noise[0] = (byte) 0xFF;
        noise[1] = (byte) 0xD8;
        noise[2] = (byte) 0xFF;
        for (byte[] file : new byte[][] {noise, new byte[0]}) {
            assertJsonError(client.put("/v1/images/bad.jpg", file), 415, "");
            HttpResponse<byte[]> legacy = client.post("/up", new Multipart().file("f", "bad.jpg", file));
            assertThat(legacy.statusCode()).isEqualTo(400);
            assertThat(TestClient.text(legacy)).isEqualTo("不要乱来");
        }
    }

    private String put(String name, byte[] file) {
        HttpResponse<byte[]> response = client.put("/v1/images/" + name, file);
        assertThat(response.statusCode()).as(TestClient.text(response)).isEqualTo(201);
        Matcher md5 = Pattern.compile("\"md5\":\"([0-9a-f]{32})\"").matcher(TestClient.text(response));
        assertThat(md5.find()).isTrue();
        return md5.group(1);
    }

    private static void assertJsonError(HttpResponse<byte[]> response, int status, String fragment) {
        assertThat(response.statusCode()).as(TestClient.text(response)).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(TestClient.text(response)).contains("\"status\":" + status, fragment)
                .doesNotContain("Exception", "dev.sis", "java.");
    }

    private static void assertEmpty404(HttpResponse<byte[]> response) {
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).isEmpty();
    }

    private static BufferedImage flat(Color colour) {
        BufferedImage image = new BufferedImage(40, 20, BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setColor(colour);
        g.fillRect(0, 0, 40, 20);
        g.dispose();
        return image;
    }
}
