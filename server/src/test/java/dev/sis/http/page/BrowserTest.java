package dev.sis.http.page;

import dev.sis.testing.HeadlessChromium;
import dev.sis.testing.Prerequisite;
import dev.sis.testing.Requires;
import dev.sis.testing.Slow;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the page's browser tests share: one headless Chromium for the test class (starting it
 * takes seconds), a data directory for the server under test and a directory for the files the
 * browser uploads.
 */
@Slow
@Requires(Prerequisite.CHROMIUM)
abstract class BrowserTest {
    static HeadlessChromium browser;

    @TempDir
    Path dataDir;
    @TempDir
    Path files;

    @BeforeAll
    static void startBrowser() {
        browser = HeadlessChromium.start();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }
}
