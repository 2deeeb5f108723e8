package dev.sis.http.page;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.config.SisConfig;
import dev.sis.config.UploadLimits;
import dev.sis.testing.HeadlessChromium;
import dev.sis.testing.TestImages;
import dev.sis.testing.TestServer;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The upload page at {@code /} in headless Chromium: uploading, errors, the variant builder and
 * recent uploads, each through the page as a person would use it. Every test ends with a quiet
 * console and no request beyond the server. One browser for the class; each test has its own
 * server, so its own origin and its own localStorage.
 */
class UploadPageBrowserTest extends BrowserTest {
    /** The README shows this picture (docs/page.png). */
    private static final Path SCREENSHOT = HeadlessChromium.screenshotFile("page.png");

    @Test
    void twoImagesUploadWithThumbnailsFactsAndLinksAndStayInRecentUploads() throws IOException {
        byte[] png = TestImages.png(640, 480);
        byte[] jpeg = TestImages.jpeg(300, 400);
        Path harbour = write("harbour.png", png);
        Path portrait = write("portrait.jpg", jpeg);
        try (TestServer server = TestServer.start(dataDir)) {
            openPage(server);

            browser.choose("#files", harbour, portrait);
            waitForStored(2);

            assertStoredItem(server, "harbour.png", png, "640 × 480 px");
            assertStoredItem(server, "portrait.jpg", jpeg, "300 × 400 px");
            assertThat(browser.find("#overall-text").getText()).isEqualTo("2 of 2 files stored");
            assertThat(browser.find("#overall-bar").getDomProperty("value")).isEqualTo("1");
            assertThat(galleryNames()).containsExactlyInAnyOrder("harbour.png", "portrait.jpg");
            browser.waitForScript("the builder's preview loaded",
                    "const i = document.getElementById('variant-preview'); return i.complete && i.naturalWidth > 0;");
            browser.screenshot(SCREENSHOT);
            browser.allowClipboard(server.url(""));
            browser.find("button[aria-label='Copy the link to harbour.png']").click();
            browser.waitUntil("the copied link", d -> browser.clipboard()
                    .equals(server.url("/v1/images/" + TestImages.md5Hex(png) + "/harbour.png")));

            browser.open(server.url("/"));
            assertThat(galleryNames()).as("after a reload").containsExactlyInAnyOrder("harbour.png", "portrait.jpg");
            waitForImages("#gallery img", 2);
            browser.find("#clear-recent").click();
            assertThat(galleryNames()).isEmpty();
            assertThat(browser.find("#recent-empty").isDisplayed()).isTrue();
            assertThat((Object) browser.script("return localStorage.getItem('sis.recent');")).isNull();
            assertThat(server.client().get("/v1/info/" + TestImages.md5Hex(png)).statusCode())
                    .as("clearing the list deletes nothing on the server").isEqualTo(200);

            PageChecks.noConsoleErrors(browser);
            PageChecks.noRequestLeftTheServer(browser, server);
        }
    }

    @Test
    void filesDroppedOnThePageUploadToo() {
        try (TestServer server = TestServer.start(dataDir)) {
            openPage(server);

            browser.script("""
                    const canvas = document.createElement('canvas');
                    canvas.width = 120; canvas.height = 90;
                    canvas.getContext('2d').fillRect(10, 10, 50, 40);
                    canvas.toBlob(blob => {
                      const data = new DataTransfer();
                      data.items.add(new File([blob], 'dropped.png', { type: 'image/png' }));
                      const zone = document.getElementById('drop-zone');
                      for (const type of ['dragenter', 'dragover', 'drop']) {
                        zone.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: data }));
                      }
                    }, 'image/png');
                    """);
            waitForStored(1);

            assertThat(browser.find(".item.done").getText()).contains("dropped.png", "120 × 90 px");
            assertThat(browser.find("#drop-zone").getDomProperty("className")).doesNotContain("dragging");
            PageChecks.noConsoleErrors(browser);
            PageChecks.noRequestLeftTheServer(browser, server);
        }
    }

    @Test
    void progressBarsMoveWhileSendingAndCancelStopsAnUpload() throws IOException {
        byte[] noisy = noise(420, 420);
        Path slow = write("slow.png", noisy);
        Path quick = write("quick.png", TestImages.png(30, 20));
        try (TestServer server = TestServer.start(dataDir)) {
            openPage(server);
            browser.uploadThroughput(96 * 1024);
            try {
                browser.choose("#files", slow);
                browser.waitForScript("the upload under way", "return document.querySelector('.item progress').value > 0.1;");
                double overall = ((Number) browser.script("return document.getElementById('overall-bar').value;")).doubleValue();
                assertThat(overall).isGreaterThan(0).isLessThan(1);
                assertThat(browser.find("#overall-text").getText()).startsWith("Uploading 0 of 1 file done");

                browser.find(".item button[aria-label='Cancel slow.png']").click();
                browser.waitUntil("the cancelled upload", d -> browser.findAll(".item.cancelled").size() == 1);
            } finally {
                browser.uploadThroughput(0);
            }
            assertThat(browser.find(".item.cancelled").getText()).contains("Cancelled: nothing was stored");
            assertThat(browser.find("#overall-text").getText()).isEqualTo("0 of 1 file stored");

            browser.choose("#files", quick);
            waitForStored(1);
            assertThat(browser.find("#overall-text").getText()).as("a new batch counts afresh").isEqualTo("1 of 1 file stored");
            assertThat(server.client().get("/v1/info/" + TestImages.md5Hex(noisy)).statusCode()).isEqualTo(404);
            PageChecks.noConsoleErrors(browser);
            PageChecks.noRequestLeftTheServer(browser, server);
        }
    }

    @Test
    void aFileThatIsNotAnImageShowsAnAlertInPlainWords() throws IOException {
        Path notes = write("notes.txt", "shopping list: milk, eggs".getBytes(StandardCharsets.UTF_8));
        try (TestServer server = TestServer.start(dataDir)) {
            openPage(server);

            browser.choose("#files", notes);
            WebElement alert = browser.waitUntil("an alert", d -> visibleAlert());

            assertThat(alert.getText()).contains("“notes.txt” was not stored", "not an image")
                    .as("the plain words say it all: the server's message is not repeated")
                    .doesNotContain("The server said", "not an image in a supported format");
            assertThat(browser.find(".item").getText()).as("the whole card").doesNotContain("null");
            assertThat(browser.find(".item").getDomProperty("className")).contains("failed");
            assertThat(browser.find("#overall-text").getText()).isEqualTo("0 of 1 file stored");
            assertThat(galleryNames()).isEmpty();
            PageChecks.noConsoleErrors(browser, 415);
            PageChecks.noRequestLeftTheServer(browser, server);
        }
    }

    @Test
    void aFileOverTheUploadLimitIsRefusedBeforeItIsSent() throws IOException {
        Path big = write("big.png", TestImages.png(400, 400));
        try (TestServer server = TestServer.start(dataDir, c -> new SisConfig(c.server(), c.store(), c.cache(),
                new UploadLimits(1024, 50, false), c.image(), c.security()))) {
            openPage(server);
            assertThat(browser.find("#drop-hint").getText()).contains("up to 1 KiB each");

            browser.choose("#files", big);
            WebElement alert = browser.waitUntil("an alert", d -> visibleAlert());

            assertThat(alert.getText()).contains("“big.png” was not stored", "too large", "at most 1 KiB");
            assertThat(browser.requestedUrls()).noneMatch(url -> url.contains("/v1/images"));
            PageChecks.noConsoleErrors(browser);
        }
    }

    @Test
    void theVariantBuilderPreviewsTheRequestedSizeAndGivesV1AndLegacyLinks() throws IOException {
        byte[] png = TestImages.png(640, 480);
        String md5 = TestImages.md5Hex(png);
        Path harbour = write("harbour.png", png);
        try (TestServer server = TestServer.start(dataDir)) {
            openBuilder(server, harbour);

            setVariant("200", "100", "stretch", "");
            waitForPreview(200, 100);
            assertThat(value("#url-v1")).isEqualTo(server.url("/v1/images/" + md5 + "?w=200&h=100&fit=stretch"));
            assertThat(value("#url-legacy")).isEqualTo(server.url("/stretch_simple_down?md5=" + md5 + "&w=200&h=100"));
            assertThat(browser.find("#variant-size").getText()).isEqualTo("Preview: 200 × 100 px");

            setVariant("320", "", "contain", "jpeg");
            waitForPreview(320, 240);
            String v1 = value("#url-v1");
            assertThat(v1).isEqualTo(server.url("/v1/images/" + md5 + "?w=320&fit=contain&format=jpeg"));
            assertThat(value("#url-legacy")).isEmpty();
            assertThat(browser.find("#legacy-note").getText()).contains("only stretch");
            HttpResponse<byte[]> variant = server.client().get(v1.substring(server.url("").length()));
            assertThat(variant.headers().firstValue("Content-Type")).hasValue("image/jpeg");
            BufferedImage decoded = TestImages.decode(variant.body());
            assertThat(decoded.getWidth()).isEqualTo(320);
            assertThat(decoded.getHeight()).isEqualTo(240);

            setVariant("0", "", "contain", "");
            String error = browser.waitUntil("a field error", d -> {
                String text = browser.find("#variant-error").getText();
                return text.isBlank() ? null : text;
            });
            assertThat(error).contains("Width must be a whole number from 1 to 10000");
            PageChecks.noConsoleErrors(browser);
            PageChecks.noRequestLeftTheServer(browser, server);
        }
    }

    @Test
    void theBuildersRotateControlTurnsThePreviewAndABadBlurIsExplained() throws IOException {
        byte[] png = TestImages.png(640, 480);
        String md5 = TestImages.md5Hex(png);
        Path harbour = write("harbour.png", png);
        try (TestServer server = TestServer.start(dataDir)) {
            openBuilder(server, harbour);
            setVariant("200", "", "contain", "");
            browser.find("details.adjust summary").click();

            new Select(browser.find("#v-rotate")).selectByValue("90");
            waitForPreview(200, 267);
            assertThat(value("#url-v1")).isEqualTo(server.url("/v1/images/" + md5 + "?w=200&fit=contain&rotate=90"));
            assertThat(browser.find("#variant-size").getText()).isEqualTo("Preview: 200 × 267 px");

            replace("#v-blur", "0.1");
            String error = browser.waitUntil("a field error", d -> {
                String text = browser.find("#variant-error").getText();
                return text.isBlank() ? null : text;
            });
            assertThat(error).contains("Blur must be from 0.3 to 100");
            PageChecks.noConsoleErrors(browser);
            PageChecks.noRequestLeftTheServer(browser, server);
        }
    }

    /** Uploads {@code image} through the page and opens it in the resize builder. */
    static void openBuilder(TestServer server, Path image) {
        openPage(server);
        browser.choose("#files", image);
        waitForStored(1);
        browser.find(".item.done button[aria-label='Resize " + image.getFileName() + "']").click();
    }

    static void openPage(TestServer server) {
        browser.open(server.url("/"));
        browser.waitForScript("the page's script ran", "return document.documentElement.classList.contains('js');");
        PageChecks.noConsoleErrors(browser);
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(files.resolve(name), bytes);
    }

    static void waitForStored(int count) {
        browser.waitUntil(count + " stored uploads", d -> browser.findAll(".item.done").size() == count);
        waitForImages(".item.done .thumb img", count);
    }

    private static void waitForImages(String css, int count) {
        browser.waitForScript(count + " loaded images at " + css,
                "const imgs = document.querySelectorAll(arguments[0]);"
                        + "return imgs.length === arguments[1] && [...imgs].every(i => i.complete && i.naturalWidth > 0);",
                css, count);
    }

    private static void assertStoredItem(TestServer server, String name, byte[] bytes, String dimensions) {
        String md5 = TestImages.md5Hex(bytes);
        WebElement item = browser.findAll(".item.done").stream()
                .filter(i -> i.getText().contains(name)).findFirst().orElseThrow();
        assertThat(item.getText()).contains(md5, dimensions, "✓ stored");
        String href = item.findElement(By.cssSelector(".item-name a")).getDomProperty("href");
        assertThat(href).isEqualTo(server.url("/v1/images/" + md5 + "/" + name));
        assertThat(server.client().get(href.substring(server.url("").length())).body()).isEqualTo(bytes);
        String thumbnail = item.findElement(By.cssSelector(".thumb img")).getDomProperty("src");
        assertThat(thumbnail).startsWith(server.url("/v1/images/" + md5 + "?"));
    }

    /** A PNG of random pixels: it does not compress, so it takes a while to send. */
    private static byte[] noise(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(42);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        return TestImages.encode(image, "png");
    }

    private static List<String> galleryNames() {
        return browser.findAll("#gallery .caption").stream().map(WebElement::getText).toList();
    }

    private static WebElement visibleAlert() {
        return browser.findAll("[role=alert]").stream()
                .filter(a -> a.isDisplayed() && !a.getText().isBlank()).findFirst().orElse(null);
    }

    private static void setVariant(String w, String h, String fit, String format) {
        replace("#v-w", w);
        replace("#v-h", h);
        new Select(browser.find("#v-fit")).selectByValue(fit);
        new Select(browser.find("#v-format")).selectByValue(format);
    }

    static void replace(String css, String text) {
        WebElement field = browser.find(css);
        field.clear();
        if (!text.isEmpty()) {
            field.sendKeys(text);
        }
    }

    static void waitForPreview(int width, int height) {
        browser.waitForScript("a " + width + " × " + height + " preview",
                "const i = document.getElementById('variant-preview');"
                        + "return i.complete && i.naturalWidth === arguments[0] && i.naturalHeight === arguments[1];",
                width, height);
    }

    static String value(String css) {
        return browser.find(css).getDomProperty("value");
    }
}
