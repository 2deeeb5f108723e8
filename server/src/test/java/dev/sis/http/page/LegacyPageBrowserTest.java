package dev.sis.http.page;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.testing.HeadlessChromium;
import dev.sis.testing.Prerequisite;
import dev.sis.testing.Requires;
import dev.sis.testing.Slow;
import dev.sis.testing.TestImages;
import dev.sis.testing.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebElement;

/**
 * sis 2.0's behaviour in a real browser: its page at {@code /legacy.html}, and the plain form
 * at {@code /} that a browser without JavaScript posts to {@code up}.
 */
@Slow
@Requires(Prerequisite.CHROMIUM)
class LegacyPageBrowserTest {
    @TempDir
    Path dataDir;
    @TempDir
    Path files;

    @Test
    void sis20sPagePostsToUpAndListsASimpleDownLinkPerFile() throws IOException {
        byte[] png = TestImages.png(80, 60);
        byte[] gif = TestImages.gif(50, 70);
        Path first = Files.write(files.resolve("one.png"), png);
        Path second = Files.write(files.resolve("two.gif"), gif);
        try (TestServer server = TestServer.start(dataDir); HeadlessChromium browser = HeadlessChromium.start()) {
            browser.open(server.url("/legacy.html"));
            browser.choose("#files", first, second);
            browser.find("#upload button[type=submit]").click();

            browser.waitForScript("two loaded images", "const imgs = document.querySelectorAll('#results img');"
                    + "return imgs.length === 2 && [...imgs].every(i => i.complete && i.naturalWidth > 0);");
            List<String> links = browser.findAll("#results a").stream().map(a -> a.getDomProperty("href")).toList();
            assertThat(links).containsExactlyInAnyOrder(
                    server.url("/simple_down?md5=" + TestImages.md5Hex(png)),
                    server.url("/simple_down?md5=" + TestImages.md5Hex(gif)));
            assertThat(browser.find("#answer").getText())
                    .contains("\"Name\":\"one.png\"", "\"MD5\":\"" + TestImages.md5Hex(png) + "\"");
            PageChecks.noConsoleErrors(browser);
            PageChecks.noRequestLeftTheServer(browser, server);
        }
    }

    @Test
    void withoutJavaScriptThePageIsAPlainFormThatPostsToUp() throws IOException {
        byte[] png = TestImages.png(80, 60);
        Path image = Files.write(files.resolve("plain.png"), png);
        try (TestServer server = TestServer.start(dataDir); HeadlessChromium browser = HeadlessChromium.start(false)) {
            browser.open(server.url("/"));
            WebElement upload = browser.find("#upload-form button[type=submit]");
            assertThat(upload.isDisplayed()).isTrue();
            assertThat(browser.find("#files").isDisplayed()).isTrue();
            assertThat(browser.find("#drop-zone").isDisplayed()).as("dropping needs script").isFalse();

            browser.choose("#files", image);
            upload.click();

            browser.waitUntil("the server's answer", d -> d.getCurrentUrl().equals(server.url("/up")));
            assertThat(browser.find("body").getText())
                    .isEqualTo("[{\"Name\":\"plain.png\",\"MD5\":\"" + TestImages.md5Hex(png) + "\"}]");
        }
    }
}
