package dev.sis.http.page;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.config.SecurityConfig;
import dev.sis.config.SisConfig;
import dev.sis.testing.HeadlessChromium;
import dev.sis.testing.TestImages;
import dev.sis.testing.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

/**
 * The upload-token field in headless Chromium: shown when the server says uploads need a token
 * (the {@code data-upload-token} attribute), kept for the tab in sessionStorage, sent as a
 * Bearer token.
 */
class UploadTokenBrowserTest extends BrowserTest {
    private static final String TOKEN = "upload-token-0123456789";

    @Test
    void anUploadFailsWithoutTheTokenAndSucceedsOnceItIsEntered() throws IOException {
        byte[] png = TestImages.png(64, 48);
        String md5 = TestImages.md5Hex(png);
        Path image = Files.write(files.resolve("token.png"), png);
        try (TestServer server = TestServer.start(dataDir, c -> withUploadToken(c, TOKEN))) {
            openPage(server);
            WebElement field = browser.find("#token");
            assertThat(field.isDisplayed()).isTrue();
            assertThat(browser.find("label[for=token]").getText()).isEqualTo("Upload token");

            browser.choose("#files", image);
            WebElement alert = browser.waitUntil("an alert", d -> visibleAlert());
            assertThat(alert.getText()).contains("“token.png” was not stored", "needs an upload token");
            assertThat((String) browser.script("return document.activeElement.id;")).isEqualTo("token");
            assertThat(server.client().get("/v1/info/" + md5).statusCode()).isEqualTo(404);

            field.sendKeys(TOKEN);
            browser.find(".item.failed button").click();
            browser.waitUntil("the stored upload", d -> browser.findAll(".item.done").size() == 1);
            browser.waitForScript("its thumbnail", "const i = document.querySelector('.item.done .thumb img');"
                    + "return i !== null && i.complete && i.naturalWidth > 0;");
            assertThat(server.client().get("/v1/info/" + md5).statusCode()).isEqualTo(200);
            assertThat((String) browser.script("return sessionStorage.getItem('sis.uploadToken');"))
                    .isEqualTo("\"" + TOKEN + "\"");

            browser.open(server.url("/"));
            assertThat(browser.find("#token").getDomProperty("value")).as("kept for the tab").isEqualTo(TOKEN);
            PageChecks.noConsoleErrors(browser, 401);
            PageChecks.noRequestLeftTheServer(browser, server);
        }
    }

    @Test
    void aWrongTokenIsSaidToBeWrong() throws IOException {
        Path image = Files.write(files.resolve("wrong.png"), TestImages.png(40, 30));
        try (TestServer server = TestServer.start(dataDir, c -> withUploadToken(c, TOKEN))) {
            openPage(server);
            browser.find("#token").sendKeys("not-the-token-at-all");

            browser.choose("#files", image);
            WebElement alert = browser.waitUntil("an alert", d -> visibleAlert());

            assertThat(alert.getText()).contains("the upload token was not accepted");
            PageChecks.noConsoleErrors(browser, 401);
        }
    }

    @Test
    void anOpenServersPageHasNoTokenFieldAndUploads() throws IOException {
        try (TestServer server = TestServer.start(dataDir)) {
            openPage(server);

            assertThat(browser.findAll("#token")).isEmpty();
            browser.choose("#files", Files.write(files.resolve("open.png"), TestImages.png(20, 10)));
            browser.waitUntil("the upload stored", d -> browser.find("#overall-text").getText().equals("1 of 1 file stored"));
            browser.waitForScript("every image of the page loaded", "return [...document.images].every(i => i.complete);");
            PageChecks.noConsoleErrors(browser);
        }
    }

    private static SisConfig withUploadToken(SisConfig c, String token) {
        return new SisConfig(c.server(), c.store(), c.cache(), c.upload(), c.image(), new SecurityConfig(null, token, null));
    }

    private static void openPage(TestServer server) {
        browser.open(server.url("/"));
        browser.waitForScript("the page's script ran", "return document.documentElement.classList.contains('js');");
    }

    private static WebElement visibleAlert() {
        return browser.findAll("[role=alert]").stream()
                .filter(a -> a.isDisplayed() && !a.getText().isBlank()).findFirst().orElse(null);
    }
}
