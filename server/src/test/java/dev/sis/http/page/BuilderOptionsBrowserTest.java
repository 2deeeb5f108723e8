package dev.sis.http.page;

import static dev.sis.http.page.UploadPageBrowserTest.openBuilder;
import static dev.sis.http.page.UploadPageBrowserTest.replace;
import static dev.sis.http.page.UploadPageBrowserTest.value;
import static dev.sis.http.page.UploadPageBrowserTest.waitForPreview;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.cli.CommandLineParser;
import dev.sis.cli.ParseResult;
import dev.sis.config.SisConfig;
import dev.sis.config.VariantFeatures;
import dev.sis.testing.TestImages;
import dev.sis.testing.TestServer;
import dev.sis.testing.WatermarkImages;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The builder's newest controls in headless Chromium: the gravity select and focal point, the
 * preset list (from {@code GET /v1/presets}), the watermark opacity and the WebP and auto
 * formats, on servers started with
 * the real flags ({@code --preset}, {@code --presets-only}, {@code --watermark},
 * {@code --watermark-all}). Each URL the page builds is loaded as its preview, so a URL the server
 * refused would show as a console error and a preview that never loads.
 */
class BuilderOptionsBrowserTest extends BrowserTest {
    private static final int RED = 0xFF0000;
    private static final int BLUE = 0x0000FF;
    /** Every field but the preset list: a chosen preset turns them all off (the server refuses them beside it). */
    private static final List<String> OTHER_FIELDS = List.of("#v-w", "#v-h", "#v-fit", "#v-gravity", "#v-fp",
            "#v-format", "#v-q", "#v-wm", "#v-crop", "#v-rotate", "#v-flip", "#v-bg", "#v-dpr", "#v-blur", "#v-sharpen");

    @Test
    void gravityAndFocalPointChooseWhichSideACoverCropKeeps() throws IOException {
        byte[] halves = redLeftBlueRight();
        String md5 = TestImages.md5Hex(halves);
        try (TestServer server = TestServer.start(dataDir)) {
            openBuilder(server, write("halves.png", halves));
            assertThat(browser.find("#preset-field").isDisplayed()).as("no --preset: no preset list").isFalse();
            assertThat(browser.find("#wm-field").isDisplayed()).as("no --watermark: no opacity field").isFalse();
            replace("#v-w", "100");
            replace("#v-h", "100");
            new Select(browser.find("#v-fit")).selectByValue("contain");
            assertThat(browser.find("#v-gravity").isEnabled()).as("gravity is for cover only").isFalse();
            assertThat(browser.find("#v-fp").isEnabled()).isFalse();
            new Select(browser.find("#v-fit")).selectByValue("cover");

            new Select(browser.find("#v-gravity")).selectByValue("west");
            String west = server.url("/v1/images/" + md5 + "?w=100&h=100&fit=cover&gravity=west");
            waitForPreviewOf(west);
            // the centre of a 100×100 crop of the 640×480 halves: x 240 of the source (west), 400 (east)
            int westCentre = previewPixel(50, 50);
            new Select(browser.find("#v-gravity")).selectByValue("east");
            waitForPreviewOf(server.url("/v1/images/" + md5 + "?w=100&h=100&fit=cover&gravity=east"));
            int eastCentre = previewPixel(50, 50);
            assertThat(westCentre).as("west keeps the red half").isEqualTo(RED);
            assertThat(eastCentre).as("east keeps the blue half").isEqualTo(BLUE);

            replace("#v-fp", "0,0.5");
            assertThat(fieldError()).contains("gravity or a focal point, not both");
            new Select(browser.find("#v-gravity")).selectByValue("");
            waitForPreviewOf(server.url("/v1/images/" + md5 + "?w=100&h=100&fit=cover&fp=0%2C0.5"));
            assertThat(previewPixel(50, 50)).as("fp=0,0.5 keeps the left edge").isEqualTo(RED);
            replace("#v-fp", "1.5,0");
            assertThat(fieldError()).contains("Focal point must be x,y with each from 0 to 1");

            PageChecks.noConsoleErrors(browser);
            PageChecks.noRequestLeftTheServer(browser, server);
        }
    }

    @Test
    void aPresetNamesTheWholeVariantSoTheOtherFieldsTurnOffAndTheWatermarkComesBackWithout() throws IOException {
        byte[] grey = WatermarkImages.greyPng(400, 300);
        String md5 = TestImages.md5Hex(grey);
        VariantFeatures features = features("--preset", "thumb=w:120,h:90,fit:cover,eager",
                "--preset", "wide=w:200,format:png", "--watermark", mark().toString());
        try (TestServer server = start(features)) {
            openBuilder(server, write("grey.png", grey));
            waitForPreviewOf(server.url("/v1/images/" + md5 + "?w=400&fit=contain"));
            assertThat(optionTexts()).containsExactly("none (the fields above)",
                    "thumb (w 120, h 90, fit cover), made at upload", "wide (w 200, format png)");
            assertThat(browser.find("#preset-note").isDisplayed()).isFalse();

            new Select(browser.find("#v-preset")).selectByValue("thumb");
            waitForPreviewOf(server.url("/v1/images/" + md5 + "?preset=thumb"));
            waitForPreview(120, 90);
            assertThat(OTHER_FIELDS).allSatisfy(css -> assertThat(browser.find(css).isEnabled()).as(css).isFalse());
            assertThat(browser.find("#preset-note").isDisplayed()).isTrue();
            new Select(browser.find("#v-preset")).selectByValue("wide");
            waitForPreviewOf(server.url("/v1/images/" + md5 + "?preset=wide"));
            waitForPreview(200, 150);

            new Select(browser.find("#v-preset")).selectByValue("");
            assertThat(browser.find("#v-w").isEnabled()).as("no preset: the fields are back").isTrue();
            assertThat(browser.find("#v-wm").isEnabled()).isTrue();
            replace("#v-w", "200");
            waitForPreviewOf(server.url("/v1/images/" + md5 + "?w=200&fit=contain"));
            int[] plain = previewRgb(155, 134);
            replace("#v-wm", "0.5");
            waitForPreviewOf(server.url("/v1/images/" + md5 + "?w=200&fit=contain&wm=0.5"));
            int[] marked = previewRgb(155, 134);
            // the mark's opaque red half lies over (155, 134) of a 200×150 copy (V1WatermarkTest's geometry)
            assertNear(plain, new int[] {WatermarkImages.GREY, WatermarkImages.GREY, WatermarkImages.GREY});
            assertNear(marked, WatermarkImages.redOverGrey(0.5));

            PageChecks.noConsoleErrors(browser);
            PageChecks.noRequestLeftTheServer(browser, server);
        }
    }

    @Test
    void withPresetsOnlyThePageOffersPresetsOnlyAndItsThumbnailsAreTheOriginals() throws IOException {
        byte[] png = TestImages.png(320, 240);
        String md5 = TestImages.md5Hex(png);
        VariantFeatures features = features("--preset", "small=w:64,fit:inside", "--preset", "square=w:50,h:50,fit:cover",
                "--presets-only");
        try (TestServer server = start(features)) {
            // openBuilder waits for the upload's thumbnail to load: a refused (403) thumbnail never does
            openBuilder(server, write("only.png", png));

            assertThat(optionTexts()).as("no way back to the refused fields")
                    .containsExactly("small (w 64, fit inside)", "square (w 50, h 50, fit cover)");
            waitForPreviewOf(server.url("/v1/images/" + md5 + "?preset=small"));
            waitForPreview(64, 48);
            assertThat(OTHER_FIELDS).allSatisfy(css -> assertThat(browser.find(css).isEnabled()).as(css).isFalse());
            assertThat(browser.find("#preset-note").getText()).contains("only its presets");
            assertThat(browser.find(".item.done .thumb img").getDomProperty("src"))
                    .isEqualTo(server.url("/v1/images/" + md5));
            new Select(browser.find("#v-preset")).selectByValue("square");
            waitForPreviewOf(server.url("/v1/images/" + md5 + "?preset=square"));
            waitForPreview(50, 50);

            PageChecks.noConsoleErrors(browser);
            PageChecks.noRequestLeftTheServer(browser, server);
        }
    }

    @Test
    void withWatermarkAllAnOpacityOfZeroIsExplainedNotSent() throws IOException {
        byte[] grey = WatermarkImages.greyPng(400, 300);
        String md5 = TestImages.md5Hex(grey);
        try (TestServer server = start(features("--watermark", mark().toString(), "--watermark-all"))) {
            openBuilder(server, write("grey.png", grey));
            replace("#v-w", "200");
            waitForPreviewOf(server.url("/v1/images/" + md5 + "?w=200&fit=contain"));
            assertNear(previewRgb(155, 134), WatermarkImages.redOverGrey(0.5));
            assertThat(browser.find("#v-wm").getDomProperty("placeholder")).contains("every copy is marked");

            replace("#v-wm", "0");
            assertThat(fieldError()).contains("marks every copy", "above 0");
            replace("#v-wm", "1");
            waitForPreviewOf(server.url("/v1/images/" + md5 + "?w=200&fit=contain&wm=1"));
            assertNear(previewRgb(155, 134), WatermarkImages.redOverGrey(1));

            PageChecks.noConsoleErrors(browser);
            PageChecks.noRequestLeftTheServer(browser, server);
        }
    }

    @Test
    void webpAndFormatAutoAreOfferedAndTheirPreviewsLoad() throws IOException {
        byte[] png = TestImages.png(320, 240);
        String md5 = TestImages.md5Hex(png);
        try (TestServer server = TestServer.start(dataDir)) {
            openBuilder(server, write("formats.png", png));
            replace("#v-w", "80");

            new Select(browser.find("#v-format")).selectByValue("webp");
            waitForPreviewOf(server.url("/v1/images/" + md5 + "?w=80&fit=contain&format=webp"));
            new Select(browser.find("#v-format")).selectByValue("auto");
            String auto = server.url("/v1/images/" + md5 + "?w=80&fit=contain&format=auto");
            waitForPreviewOf(auto);
            waitForPreview(80, 60);

            PageChecks.noConsoleErrors(browser);
            PageChecks.noRequestLeftTheServer(browser, server);
        }
    }

    /** The variant settings the server reads from these flags, as {@code sis} would at start. */
    private static VariantFeatures features(String... flags) {
        ParseResult parsed = CommandLineParser.parse(flags, Map.of());
        assertThat(parsed).as("%s", List.of(flags)).isInstanceOf(ParseResult.Run.class);
        return ((ParseResult.Run) parsed).config().features();
    }

    private TestServer start(VariantFeatures features) {
        return TestServer.start(dataDir, c -> new SisConfig(c.server(), c.store(), c.cache(), c.upload(), c.image(),
                c.security(), c.logFormat(), c.imageEngine(), features));
    }

    private Path mark() throws IOException {
        return write("mark.png", WatermarkImages.halfRedMark());
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(files.resolve(name), bytes);
    }

    /** 640×480, the left half red and the right half blue: any crop shows which side it kept. */
    private static byte[] redLeftBlueRight() {
        BufferedImage image = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(new Color(RED));
            g.fillRect(0, 0, 320, 480);
            g.setColor(new Color(BLUE));
            g.fillRect(320, 0, 320, 480);
        } finally {
            g.dispose();
        }
        return TestImages.encode(image, "png");
    }

    /** Waits until the builder's link is {@code url} and its preview has loaded from it. */
    private static void waitForPreviewOf(String url) {
        browser.waitUntil("the link " + url, d -> url.equals(value("#url-v1")));
        browser.waitForScript("the preview of " + url, "const i = document.getElementById('variant-preview');"
                + "return i.src === arguments[0] && i.complete && i.naturalWidth > 0;", url);
    }

    /** The preview's pixel at (x, y) as RGB, read back through a canvas (same origin, so readable). */
    private static int previewPixel(int x, int y) {
        int[] rgb = previewRgb(x, y);
        return (rgb[0] << 16) | (rgb[1] << 8) | rgb[2];
    }

    private static int[] previewRgb(int x, int y) {
        List<Number> rgba = browser.script("""
                const i = document.getElementById('variant-preview');
                const c = document.createElement('canvas');
                c.width = i.naturalWidth; c.height = i.naturalHeight;
                const g = c.getContext('2d');
                g.drawImage(i, 0, 0);
                return Array.from(g.getImageData(arguments[0], arguments[1], 1, 1).data);
                """, x, y);
        return new int[] {rgba.get(0).intValue(), rgba.get(1).intValue(), rgba.get(2).intValue()};
    }

    private static void assertNear(int[] actual, int[] expected) {
        for (int i = 0; i < 3; i++) {
            assertThat(actual[i]).as("channel %d of (%d, %d, %d)", i, actual[0], actual[1], actual[2])
                    .isCloseTo(expected[i], org.assertj.core.data.Offset.offset(6));
        }
    }

    private static String fieldError() {
        return browser.waitUntil("a field error", d -> {
            String text = browser.find("#variant-error").getText();
            return text.isBlank() ? null : text;
        });
    }

    private static List<String> optionTexts() {
        List<String> texts = new ArrayList<>();
        for (WebElement option : browser.findAll("#v-preset option")) {
            texts.add(option.getText());
        }
        return texts;
    }
}
