package dev.sis.http.page;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.testing.HeadlessChromium;
import dev.sis.testing.TestImages;
import dev.sis.testing.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;

/**
 * How the page looks and is reached: labels and names for every control, the keyboard and its
 * focus ring, text contrast in light and dark, and a phone's width without sideways scrolling.
 */
class PageLayoutBrowserTest extends BrowserTest {
    /** A second picture for the README: the page on a phone, in dark mode. */
    private static final Path PHONE_SCREENSHOT = HeadlessChromium.screenshotFile("page-phone-dark.png");

    /** Every visible element with text of its own, and its WCAG contrast ratio against what is behind it. */
    private static final String CONTRASTS = """
            const luminance = (color) => {
              const [r, g, b] = color.match(/[\\d.]+/g).slice(0, 3).map(Number).map(v => {
                v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
              return 0.2126 * r + 0.7152 * g + 0.0722 * b;
            };
            const background = (el) => {
              for (; el; el = el.parentElement) {
                const c = getComputedStyle(el).backgroundColor;
                if (c !== 'transparent' && !/rgba\\(.*,\\s*0\\)$/.test(c)) return c;
              }
              return getComputedStyle(document.documentElement).backgroundColor;
            };
            const ownText = (el) => [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
            return [...document.querySelectorAll('body *')]
              .filter(el => ownText(el) && el.getClientRects().length > 0 && !el.disabled
                && !el.closest('.visually-hidden') && getComputedStyle(el).visibility !== 'hidden')
              .map(el => {
                const a = luminance(getComputedStyle(el).color), b = luminance(background(el));
                const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
                return { text: el.tagName + ' ' + el.textContent.trim().slice(0, 30), ratio: Math.round(ratio * 100) / 100 };
              });
            """;

    @AfterEach
    void plainBrowser() {
        browser.viewport(0, 0);
        browser.colorScheme(null);
    }

    @Test
    void everyControlHasALabelOrNameAndEveryImageAnAlt() throws IOException {
        try (TestServer server = TestServer.start(dataDir)) {
            openWithOneUpload(server);

            List<String> unlabelled = browser.script("""
                    return [...document.querySelectorAll('input, select, textarea')]
                      .filter(e => e.labels.length === 0 && !e.getAttribute('aria-label')).map(e => e.outerHTML);""");
            List<String> unnamed = browser.script("""
                    return [...document.querySelectorAll('button, a')]
                      .filter(e => !e.textContent.trim() && !e.getAttribute('aria-label')).map(e => e.outerHTML);""");
            List<String> noAlt = browser.script(
                    "return [...document.querySelectorAll('img')].filter(i => !i.hasAttribute('alt')).map(i => i.outerHTML);");
            assertThat(unlabelled).isEmpty();
            assertThat(unnamed).isEmpty();
            assertThat(noAlt).isEmpty();
            PageChecks.noConsoleErrors(browser);
        }
    }

    @Test
    void theKeyboardReachesTheFilePickerAndShowsWhereFocusIs() {
        try (TestServer server = TestServer.start(dataDir)) {
            browser.open(server.url("/"));
            browser.waitForScript("the page's script ran", "return document.documentElement.classList.contains('js');");

            String focused = "";
            for (int i = 0; i < 10 && !focused.equals("files"); i++) {
                new Actions(browser.driver()).sendKeys(Keys.TAB).perform();
                focused = browser.script("return document.activeElement.id;");
            }

            assertThat(focused).as("Tab reaches the file picker").isEqualTo("files");
            Map<String, Object> ring = browser.script("""
                    const s = getComputedStyle(document.getElementById('drop-zone'));
                    return { style: s.outlineStyle, width: s.outlineWidth };""");
            assertThat(ring).containsEntry("style", "solid").containsEntry("width", "3px");
            PageChecks.noConsoleErrors(browser);
        }
    }

    @Test
    void textHasEnoughContrastInLightAndDark() throws IOException {
        try (TestServer server = TestServer.start(dataDir)) {
            openWithOneUpload(server);
            for (String scheme : new String[] {"light", "dark"}) {
                browser.colorScheme(scheme);
                String background = browser.script("return getComputedStyle(document.body).backgroundColor;");
                assertThat(background).as(scheme).isEqualTo(scheme.equals("dark") ? "rgb(14, 17, 22)" : "rgb(244, 245, 247)");

                List<Map<String, Object>> contrasts = browser.script(CONTRASTS);
                assertThat(contrasts).as(scheme).hasSizeGreaterThan(20).allSatisfy(c ->
                        assertThat(((Number) c.get("ratio")).doubleValue()).as(scheme + ": " + c.get("text")).isGreaterThanOrEqualTo(4.5));
            }
            PageChecks.noConsoleErrors(browser);
        }
    }

    @Test
    void onAPhoneNothingScrollsSideways() throws IOException {
        try (TestServer server = TestServer.start(dataDir)) {
            browser.viewport(375, 812);
            browser.colorScheme("dark");
            openWithOneUpload(server);

            long overflow = browser.script("return document.documentElement.scrollWidth - window.innerWidth;");
            assertThat(overflow).isLessThanOrEqualTo(0);
            assertThat((Long) browser.script("return window.innerWidth;")).isEqualTo(375L);
            browser.screenshot(PHONE_SCREENSHOT);
            PageChecks.noConsoleErrors(browser);
        }
    }

    private void openWithOneUpload(TestServer server) throws IOException {
        Path image = Files.write(files.resolve("harbour.png"), TestImages.png(640, 480));
        browser.open(server.url("/"));
        browser.waitForScript("the page's script ran", "return document.documentElement.classList.contains('js');");
        browser.choose("#files", image);
        browser.waitForScript("the stored upload and its preview", """
                const thumb = document.querySelector('.item.done .thumb img');
                const preview = document.getElementById('variant-preview');
                return thumb !== null && thumb.complete && thumb.naturalWidth > 0 && preview.complete && preview.naturalWidth > 0;""");
    }
}
