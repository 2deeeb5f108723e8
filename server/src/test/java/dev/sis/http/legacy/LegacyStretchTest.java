package dev.sis.http.legacy;

import static dev.sis.http.legacy.LegacyFixtures.assertEmpty404;
import static dev.sis.http.legacy.LegacyFixtures.param;
import static dev.sis.testing.TestImages.md5Hex;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.testing.Multipart;
import dev.sis.testing.SisServerExtension;
import dev.sis.testing.TestClient;
import dev.sis.testing.TestImages;
import dev.sis.testing.TestServer;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code /stretch_simple_down} and {@code /stretch_full_down}: exactly W×H in the source's
 * format, W and H from 5 to 1,048,576, and 404 with an empty body for everything else.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LegacyStretchTest {
    private static final byte[] JPEG = TestImages.jpeg(64, 48, 21);
    private static final byte[] PNG = TestImages.png(64, 48);
    private static final byte[] GIF = TestImages.gif(64, 48);
    private static final String ABSENT = "0123456789abcdef0123456789abcdef";

    @RegisterExtension
    static final SisServerExtension sis = SisServerExtension.perClass();

    @BeforeAll
    void upload() {
        Multipart body = new Multipart().file("f", "src.jpg", JPEG).file("f", "src.png", PNG).file("f", "src.gif", GIF);
        assertThat(sis.client().post("/up", body).statusCode()).isEqualTo(200);
    }

    static Stream<Arguments> sources() {
        return Stream.of(
                Arguments.of("jpeg", JPEG, "src.jpg"),
                Arguments.of("png", PNG, "src.png"),
                Arguments.of("gif", GIF, "src.gif"));
    }

    /** The format named by the bytes' magic number. */
    static String formatOf(byte[] bytes) {
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xD8 && (bytes[2] & 0xFF) == 0xFF) {
            return "jpeg";
        }
        if (bytes.length >= 8 && Arrays.equals(bytes, 0, 8,
                new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}, 0, 8)) {
            return "png";
        }
        if (bytes.length >= 6 && new String(bytes, 0, 6, UTF_8).matches("GIF8[79]a")) {
            return "gif";
        }
        return "unknown";
    }

    private static void assertImage(HttpResponse<byte[]> response, String format, int width, int height) {
        assertThat(response.statusCode()).as("status").isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("image/" + format);
        assertThat(response.headers().firstValue("Content-Length")).hasValue(Integer.toString(response.body().length));
        assertThat(formatOf(response.body())).isEqualTo(format);
        BufferedImage image = TestImages.decode(response.body());
        assertThat(image.getWidth()).as("width").isEqualTo(width);
        assertThat(image.getHeight()).as("height").isEqualTo(height);
    }

    @ParameterizedTest
    @MethodSource("sources")
    void stretchSimpleDownGivesExactlyWxHInTheSourceFormat(String format, byte[] source, String name) {
        for (int[] size : new int[][] {{37, 23}, {200, 10}, {5, 5}, {10, 300}}) {
            HttpResponse<byte[]> response = sis.client().get(
                    "/stretch_simple_down?md5=" + md5Hex(source) + "&w=" + size[0] + "&h=" + size[1]);

            assertImage(response, format, size[0], size[1]);
        }
    }

    @ParameterizedTest
    @MethodSource("sources")
    void stretchFullDownGivesExactlyWxHInTheSourceFormat(String format, byte[] source, String name) {
        HttpResponse<byte[]> response = sis.client().get(
                "/stretch_full_down?md5=" + md5Hex(source) + "&file_name=" + name + "&w=41&h=77");

        assertImage(response, format, 41, 77);
    }

    @Test
    void theStretchedImageIsTheSourceScaledWithoutKeepingItsAspect() {
        BufferedImage source = TestImages.decode(JPEG);
        BufferedImage expected = new BufferedImage(20, 40, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = expected.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(source, 0, 0, 20, 40, null);
        g.dispose();

        BufferedImage stretched = TestImages.decode(
                sis.client().get("/stretch_simple_down?md5=" + md5Hex(JPEG) + "&w=20&h=40").body());

        assertThat(TestImages.meanDifference(stretched, expected)).isLessThan(12);
    }

    @Test
    void theSameStretchAskedAgainGivesTheSameBytes() {
        String path = "/stretch_simple_down?md5=" + md5Hex(PNG) + "&w=33&h=44";

        assertThat(sis.client().get(path).body()).isEqualTo(sis.client().get(path).body());
    }

    @Test
    void anUpperCaseMd5AndFormBodyParametersWork() {
        HttpResponse<byte[]> response = sis.client().method("POST", "/stretch_full_down",
                ("md5=" + md5Hex(GIF).toUpperCase(Locale.ROOT) + "&file_name=src.gif&w=12&h=13").getBytes(UTF_8),
                "Content-Type", "application/x-www-form-urlencoded");

        assertImage(response, "gif", 12, 13);
    }

    @ParameterizedTest
    @ValueSource(strings = {"4", "0", "-1", "-5", "1048577", "2147483648", "abc", "", "5.0", "1e3", " 5", "0x10"})
    void aWidthOrHeightOutsideTheRangeIs404WithAnEmptyBody(String value) {
        String md5 = md5Hex(JPEG);
        String v = param(value);

        assertEmpty404(sis.client().get("/stretch_simple_down?md5=" + md5 + "&w=" + v + "&h=10"));
        assertEmpty404(sis.client().get("/stretch_simple_down?md5=" + md5 + "&w=10&h=" + v));
        assertEmpty404(sis.client().get("/stretch_full_down?md5=" + md5 + "&file_name=src.jpg&w=" + v + "&h=10"));
        assertEmpty404(sis.client().get("/stretch_full_down?md5=" + md5 + "&file_name=src.jpg&w=10&h=" + v));
    }

    @Test
    void aMissingWidthOrHeightIs404WithAnEmptyBody() {
        String md5 = md5Hex(JPEG);

        assertEmpty404(sis.client().get("/stretch_simple_down?md5=" + md5 + "&h=10"));
        assertEmpty404(sis.client().get("/stretch_simple_down?md5=" + md5 + "&w=10"));
        assertEmpty404(sis.client().get("/stretch_simple_down?md5=" + md5));
        assertEmpty404(sis.client().get("/stretch_full_down?md5=" + md5 + "&file_name=src.jpg&h=10"));
        assertEmpty404(sis.client().get("/stretch_full_down?md5=" + md5 + "&file_name=src.jpg&w=10"));
    }

    @ParameterizedTest
    @CsvSource({"1048576, 5", "5, 1048576"})
    void theLargestSideIsAcceptedWhenUnderThePixelBudget(int width, int height) {
        assertThat((long) width * height).isLessThan(sis.server().config().image().maxOutputPixels());

        HttpResponse<byte[]> response = sis.client().get(
                "/stretch_simple_down?md5=" + md5Hex(PNG) + "&w=" + width + "&h=" + height);

        assertImage(response, "png", width, height);
    }

    /** JPEG and GIF cannot hold a side over 65,535 pixels: such a stretch is refused like any impossible one. */
    @ParameterizedTest
    @CsvSource({"jpeg, 1048576, 5", "jpeg, 5, 1048576", "jpeg, 65536, 5", "gif, 1048576, 5", "gif, 5, 65536"})
    void aSideTheSourceFormatCannotHoldIs404NotAServerError(String format, int width, int height) {
        byte[] source = format.equals("jpeg") ? JPEG : GIF;

        HttpResponse<byte[]> response = sis.client().get(
                "/stretch_simple_down?md5=" + md5Hex(source) + "&w=" + width + "&h=" + height);

        assertEmpty404(response);
    }

    @ParameterizedTest
    @CsvSource({"10000, 10000", "5000, 5001", "1048576, 1048576", "1048576, 24"})
    void aStretchOverTheOutputPixelBudgetIsRefusedWithoutBeingMade(int width, int height) {
        assertThat((long) width * height).isGreaterThan(sis.server().config().image().maxOutputPixels());
        long made = sis.server().app().service().variantsMade();

        assertEmpty404(sis.client().get("/stretch_simple_down?md5=" + md5Hex(JPEG) + "&w=" + width + "&h=" + height));
        assertEmpty404(sis.client().get("/stretch_full_down?md5=" + md5Hex(PNG) + "&file_name=src.png&w=" + width
                + "&h=" + height));

        assertThat(sis.server().app().service().variantsMade()).isEqualTo(made);
    }

    @Test
    void aMissingFileIs404WithAnEmptyBody() {
        assertEmpty404(sis.client().get("/stretch_simple_down?md5=" + ABSENT + "&w=10&h=10"));
        assertEmpty404(sis.client().get("/stretch_full_down?md5=" + ABSENT + "&file_name=src.jpg&w=10&h=10"));
        assertEmpty404(sis.client().get("/stretch_full_down?md5=" + md5Hex(JPEG) + "&file_name=other.jpg&w=10&h=10"));
        assertEmpty404(sis.client().get("/stretch_full_down?md5=" + md5Hex(JPEG) + "&file_name=src.png&w=10&h=10"));
        assertEmpty404(sis.client().get("/stretch_full_down?md5=" + md5Hex(JPEG) + "&w=10&h=10"));
        assertEmpty404(sis.client().get("/stretch_full_down?md5=" + md5Hex(JPEG) + "&file_name=..%2Fsrc.jpg&w=10&h=10"));
        assertEmpty404(sis.client().get("/stretch_simple_down?md5=abc&w=10&h=10"));
        assertEmpty404(sis.client().get("/stretch_simple_down?w=10&h=10"));
    }

    @Test
    void aTruncatedJpegIsAcceptedButNeverAnswersAServerError() {
        byte[] whole = TestImages.jpeg(400, 300, 99);
        byte[] half = Arrays.copyOf(whole, whole.length / 2);
        HttpResponse<byte[]> upload = sis.client().post("/up", new Multipart().file("f", "half.jpg", half));
        assertThat(upload.statusCode()).as("the upload checks only the header").isEqualTo(200);

        for (String path : new String[] {"/stretch_simple_down?md5=" + md5Hex(half) + "&w=50&h=40",
                "/stretch_full_down?md5=" + md5Hex(half) + "&file_name=half.jpg&w=50&h=40"}) {
            HttpResponse<byte[]> response = sis.client().get(path);
            if (response.statusCode() == 200) {
                assertImage(response, "jpeg", 50, 40);
            } else {
                assertEmpty404(response);
            }
        }
    }

    @Test
    void withTheCacheDisabledStretchesAreMadeStoredAndServedAgain(@TempDir Path dir) {
        try (TestServer uncached = TestServer.start(dir, LegacyFixtures::noCache)) {
            TestClient c = uncached.client();
            assertThat(c.post("/up", new Multipart().file("f", "src.png", PNG)).statusCode()).isEqualTo(200);
            String path = "/stretch_full_down?md5=" + md5Hex(PNG) + "&file_name=src.png&w=30&h=7";

            HttpResponse<byte[]> first = c.get(path);
            HttpResponse<byte[]> second = c.get(path);

            assertImage(first, "png", 30, 7);
            assertImage(second, "png", 30, 7);
            assertThat(second.body()).isEqualTo(first.body());
            assertThat(uncached.app().service().variantsMade()).isEqualTo(1);
            assertThat(c.get("/simple_down?md5=" + md5Hex(PNG)).body()).isEqualTo(PNG);
        }
    }
}
