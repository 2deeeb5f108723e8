package dev.sis.http.v1;

import static dev.sis.http.v1.Answers.error;
import static dev.sis.http.v1.Answers.formatOf;
import static dev.sis.http.v1.Answers.header;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.config.ImageLimits;
import dev.sis.config.SisConfig;
import dev.sis.config.UploadLimits;
import dev.sis.testing.AnalysisMade;
import dev.sis.testing.TestImages;
import dev.sis.testing.TestServer;
import java.awt.image.BufferedImage;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Variants: {@code w h fit format q} on {@code GET /v1/images/…}. */
class V1VariantTest {
    @TempDir
    Path dataDir;
    @TempDir
    Path otherDataDir;
    private TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private String upload(String name, byte[] bytes) {
        if (server == null) {
            server = TestServer.start(dataDir);
        }
        return Answers.put(server, name, bytes).get("md5").textValue();
    }

    private HttpResponse<byte[]> get(String path) {
        return server.client().get(path);
    }

    private BufferedImage variant(String md5, String query) {
        HttpResponse<byte[]> response = get("/v1/images/" + md5 + "?" + query);
        assertThat(response.statusCode()).as("%s: %s", query, new String(response.body(), StandardCharsets.UTF_8))
                .isEqualTo(200);
        return TestImages.decode(response.body());
    }

    private static void assertSize(BufferedImage image, int width, int height) {
        assertThat(image.getWidth() + "x" + image.getHeight()).isEqualTo(width + "x" + height);
    }

    @Test
    void onlyWidthKeepsTheAspectRatio() {
        String md5 = upload("a.png", TestImages.png(200, 100));
        assertSize(variant(md5, "w=50"), 50, 25);
        assertSize(variant(md5, "w=400"), 400, 200);
    }

    @Test
    void onlyHeightKeepsTheAspectRatio() {
        String md5 = upload("a.png", TestImages.png(200, 100));
        assertSize(variant(md5, "h=20"), 40, 20);
    }

    @Test
    void containIsTheDefaultFitAndFitsInsideTheBox() {
        String md5 = upload("a.png", TestImages.png(200, 100));
        assertSize(variant(md5, "w=50&h=50"), 50, 25);
        assertSize(variant(md5, "w=50&h=50&fit=contain"), 50, 25);
        assertSize(variant(md5, "w=1000&h=1000&fit=contain"), 1000, 500);
    }

    @Test
    void coverFillsTheBoxExactly() {
        String md5 = upload("a.png", TestImages.png(200, 100));
        assertSize(variant(md5, "w=50&h=50&fit=cover"), 50, 50);
        assertSize(variant(md5, "w=30&h=90&fit=cover"), 30, 90);
    }

    @Test
    void coverCropsAroundTheCentre() {
        // Left third black, middle white, right third black: a centred square crop is mostly white.
        BufferedImage source = new BufferedImage(300, 100, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 100; y++) {
            for (int x = 100; x < 200; x++) {
                source.setRGB(x, y, 0xFFFFFF);
            }
        }
        String md5 = upload("bars.png", TestImages.encode(source, "png"));

        BufferedImage square = variant(md5, "w=50&h=50&fit=cover");

        assertSize(square, 50, 50);
        for (int x : new int[] {2, 25, 47}) {
            assertThat(square.getRGB(x, 25) & 0xFF).as("x=%d", x).isGreaterThan(200);
        }
    }

    @Test
    void stretchGivesExactlyTheBox() {
        String md5 = upload("a.png", TestImages.png(200, 100));
        assertSize(variant(md5, "w=30&h=70&fit=stretch"), 30, 70);
    }

    @Test
    void insideNeverEnlarges() {
        String md5 = upload("a.png", TestImages.png(64, 64));
        assertSize(variant(md5, "w=10000&fit=inside"), 64, 64);
        assertSize(variant(md5, "w=10000&h=10000&fit=inside"), 64, 64);
        assertSize(variant(md5, "w=32&h=100&fit=inside"), 32, 32);
    }

    @Test
    void aResizedImageLooksLikeTheSource() {
        BufferedImage picture = TestImages.picture(200, 100, 7);
        String md5 = upload("a.png", TestImages.encode(picture, "png"));

        BufferedImage half = variant(md5, "w=100");
        BufferedImage expected = TestImages.decode(TestImages.encode(scaled(picture, 100, 50), "png"));

        assertThat(TestImages.meanDifference(half, expected)).isLessThan(8);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "png, jpeg, image/jpeg",
        "png, gif, image/gif",
        "jpeg, png, image/png",
        "jpeg, gif, image/gif",
        "gif, png, image/png",
        "gif, jpeg, image/jpeg",
    })
    void formatConversion(String from, String to, String mediaType) {
        byte[] source = switch (from) {
            case "png" -> TestImages.png(60, 40);
            case "jpeg" -> TestImages.jpeg(60, 40);
            default -> TestImages.gif(60, 40);
        };
        String md5 = upload("source." + from, source);

        for (String query : new String[] {"format=" + to, "w=30&format=" + to}) {
            HttpResponse<byte[]> response = get("/v1/images/" + md5 + "?" + query);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(formatOf(response.body())).as(query).isEqualTo(to);
            assertThat(header(response, "Content-Type")).as(query).isEqualTo(mediaType);
            assertThat(TestImages.decode(response.body()).getWidth()).isEqualTo(query.startsWith("w") ? 30 : 60);
        }
    }

    @Test
    void withoutAFormatAVariantKeepsTheSourceFormat() {
        for (String format : new String[] {"png", "jpeg", "gif"}) {
            byte[] source = TestImages.encode(TestImages.picture(40, 40, 3), format);
            String md5 = upload("s." + format, source);
            HttpResponse<byte[]> response = get("/v1/images/" + md5 + "?w=20");
            assertThat(formatOf(response.body())).isEqualTo(format);
        }
    }

    /** BMP can be read but not written: its variants are PNG unless a format is asked for. */
    @Test
    void aVariantOfAFormatThatCannotBeWrittenIsPng() {
        String md5 = upload("old.bmp", TestImages.encode(TestImages.picture(40, 20, 1), "bmp"));

        HttpResponse<byte[]> response = get("/v1/images/" + md5 + "?w=20");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(formatOf(response.body())).isEqualTo("png");
        assertThat(header(response, "Content-Type")).isEqualTo("image/png");
        assertSize(TestImages.decode(response.body()), 20, 10);
        assertThat(header(get("/v1/images/" + md5), "Content-Type")).isEqualTo("image/bmp");
        assertThat(formatOf(get("/v1/images/" + md5 + "?format=jpeg").body())).isEqualTo("jpeg");
    }

    @Test
    void jpgIsAnotherNameForJpeg() {
        String md5 = upload("a.png", TestImages.png(20, 20));
        assertThat(formatOf(get("/v1/images/" + md5 + "?format=jpg").body())).isEqualTo("jpeg");
    }

    @Test
    void qualityChangesJpegBytes() {
        String md5 = upload("photo.jpg", TestImages.jpeg(300, 200, 42));

        byte[] low = get("/v1/images/" + md5 + "?w=200&q=10").body();
        byte[] high = get("/v1/images/" + md5 + "?w=200&q=95").body();

        assertThat(formatOf(low)).isEqualTo("jpeg");
        assertThat(formatOf(high)).isEqualTo("jpeg");
        assertThat(low.length).isLessThan(high.length);
    }

    @Test
    void qualityAloneMakesAVariant() {
        byte[] jpeg = TestImages.jpeg(100, 80, 5);
        String md5 = upload("photo.jpg", jpeg);

        HttpResponse<byte[]> response = get("/v1/images/" + md5 + "?q=20");

        assertThat(response.body()).isNotEqualTo(jpeg);
        assertSize(TestImages.decode(response.body()), 100, 80);
    }

    @Test
    void transparencyGoingToJpegIsFlattenedOnWhite() {
        // Left half: red at half opacity; right half: fully transparent.
        String md5 = upload("alpha.png", TestImages.encode(TestImages.withAlpha(64, 64), "png"));

        BufferedImage jpeg = variant(md5, "format=jpeg&q=100");

        int transparent = jpeg.getRGB(56, 32);
        assertThat(java.util.List.of((transparent >> 16) & 0xFF, (transparent >> 8) & 0xFF, transparent & 0xFF))
                .allSatisfy(channel -> assertThat(channel).isGreaterThanOrEqualTo(245));
        int halfRed = jpeg.getRGB(8, 32);
        assertThat((halfRed >> 16) & 0xFF).isGreaterThanOrEqualTo(240);
        assertThat((halfRed >> 8) & 0xFF).isBetween(100, 160);
        assertThat(halfRed & 0xFF).isBetween(100, 160);
    }

    @Test
    void transparencyIsKeptInPng() {
        String md5 = upload("alpha.png", TestImages.encode(TestImages.withAlpha(64, 64), "png"));

        BufferedImage png = variant(md5, "w=32");

        assertThat(png.getColorModel().hasAlpha()).isTrue();
        assertThat(png.getRGB(28, 16) >>> 24).isZero();
    }

    @Test
    void fitAloneReturnsTheOriginalBytesUntouched() {
        byte[] png = TestImages.png(50, 50);
        String md5 = upload("a.png", png);

        HttpResponse<byte[]> response = get("/v1/images/" + md5 + "?fit=cover");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(png);
        assertThat(header(response, "ETag")).isEqualTo("\"" + md5 + "\"");
    }

    @Test
    void aVariantCanBeAskedForByName() {
        String md5 = upload("named.png", TestImages.png(80, 40));

        HttpResponse<byte[]> response = get("/v1/images/" + md5 + "/named.png?w=40");

        assertThat(response.statusCode()).isEqualTo(200);
        assertSize(TestImages.decode(response.body()), 40, 20);
        error(get("/v1/images/" + md5 + "/other.png?w=40"), 404);
        error(get("/v1/images/0123456789abcdef0123456789abcdef?w=40"), 404);
    }

    @Test
    void theSameRequestGivesTheSameBytes() {
        String md5 = upload("a.jpg", TestImages.jpeg(120, 90, 9));
        // A cover crop centres on the stored focal point once the upload's analysis has made it:
        // both reads must see the same one.
        AnalysisMade.await(server.client(), md5);
        for (String query : new String[] {"w=50", "w=50&format=png", "w=50&h=50&fit=cover&format=gif", "h=33&q=60"}) {
            byte[] first = get("/v1/images/" + md5 + "?" + query).body();
            byte[] second = get("/v1/images/" + md5 + "?" + query).body();
            assertThat(second).as(query).isEqualTo(first);
        }
    }

    /** Made afresh on another server (fresh store, no cache), a variant has the same bytes. */
    @Test
    void aVariantMadeAgainElsewhereHasTheSameBytes() {
        byte[] source = TestImages.jpeg(120, 90, 9);
        String md5 = upload("a.jpg", source);
        AnalysisMade.await(server.client(), md5); // the cover crop's focal point, on both servers
        String[] queries = {"w=50", "w=50&format=png", "w=50&h=50&fit=cover&format=gif", "h=33&q=60&fit=inside"};
        byte[][] first = new byte[queries.length][];
        for (int i = 0; i < queries.length; i++) {
            first[i] = get("/v1/images/" + md5 + "?" + queries[i]).body();
        }
        server.close();
        server = Answers.start(otherDataDir, false);
        Answers.put(server, "a.jpg", source);
        AnalysisMade.await(server.client(), md5);

        for (int i = 0; i < queries.length; i++) {
            assertThat(get("/v1/images/" + md5 + "?" + queries[i]).body()).as(queries[i]).isEqualTo(first[i]);
        }
        assertThat(server.app().service().variantsMade()).isEqualTo(queries.length);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "w=0           | w",
        "w=-1          | w",
        "w=abc         | w",
        "w=10001       | w",
        "w=            | w",
        "w=1e3         | w",
        "w=99999999999 | w",
        "h=1.5         | h",
        "h=0           | h",
        "w=10&fit=zoom | fit",
        "fit=zoom      | fit",
        "format=tiff   | format",
        "format=JPEG   | format",
        "format=       | format",
        "q=0           | q",
        "q=101         | q",
        "q=high        | q",
    })
    void aBadParameterIs400NamingIt(String query, String param) {
        String md5 = upload("a.png", TestImages.png(20, 20));

        String message = error(get("/v1/images/" + md5 + "?" + query), 400);

        assertThat(message).startsWith(param + " ");
        assertThat(server.app().service().variantsMade()).isZero();
    }

    @Test
    void theLargestAllowedSideIsAccepted() {
        String md5 = upload("a.png", TestImages.png(20, 20));
        assertThat(get("/v1/images/" + md5 + "?w=10000&fit=inside").statusCode()).isEqualTo(200);
        assertThat(get("/v1/images/" + md5 + "?h=10000&fit=inside").statusCode()).isEqualTo(200);
    }

    @Test
    void aSourceOverThePixelBudgetIs422() {
        server = Answers.start(dataDir, new ImageLimits(1000, ImageLimits.DEFAULT_MAX_OUTPUT_PIXELS, 10_000, 2, 8));
        byte[] png = TestImages.png(64, 64);
        String md5 = upload("big.png", png);

        String message = error(get("/v1/images/" + md5 + "?w=10"), 422);

        assertThat(message).contains("4096").contains("1000");
        assertThat(get("/v1/images/" + md5).body()).as("the original is still served").isEqualTo(png);
    }

    @Test
    void aVariantOverTheOutputBudgetIs422() {
        server = Answers.start(dataDir, new ImageLimits(ImageLimits.DEFAULT_MAX_SOURCE_PIXELS, 10_000, 10_000, 2, 8));
        String md5 = upload("a.png", TestImages.png(64, 64));

        error(get("/v1/images/" + md5 + "?w=200&h=200&fit=stretch"), 422);
        error(get("/v1/images/" + md5 + "?w=101"), 422);
        // 100x100 is exactly the budget.
        assertThat(get("/v1/images/" + md5 + "?w=100&h=100").statusCode()).isEqualTo(200);
        assertThat(server.app().service().variantsMade()).isEqualTo(1);
    }

    /** Cover holds more pixels while scaling than it keeps: 1000x10 shown as 100x100 scales to 10000x100. */
    @Test
    void coverIsJudgedByThePixelsItScales() {
        server = Answers.start(dataDir, new ImageLimits(ImageLimits.DEFAULT_MAX_SOURCE_PIXELS, 10_000, 10_000, 2, 8));
        String md5 = upload("wide.png", TestImages.png(1000, 10));

        error(get("/v1/images/" + md5 + "?w=100&h=100&fit=cover"), 422);
    }

    @Test
    void aStoredFileThatIsNotAnImageHasNoVariants() {
        server = TestServer.start(dataDir, c -> new SisConfig(c.server(), c.store(), c.cache(),
                new UploadLimits(UploadLimits.DEFAULT_MAX_REQUEST_BYTES, 50, true), c.image()));
        String md5 = upload("notes.txt", "plain text".getBytes(StandardCharsets.UTF_8));

        error(get("/v1/images/" + md5 + "?w=10"), 415);
        assertThat(header(get("/v1/images/" + md5), "Content-Type")).isEqualTo("application/octet-stream");
    }

    private static BufferedImage scaled(BufferedImage source, int width, int height) {
        BufferedImage target = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = target.createGraphics();
        try {
            g.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION, java.awt.RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.drawImage(source, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return target;
    }
}
