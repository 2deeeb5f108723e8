package dev.sis.http.page;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.testing.HeadlessChromium;
import dev.sis.testing.TestServer;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Level;
import org.openqa.selenium.logging.LogEntry;

/** What every browser test checks at its end: a quiet console and no request beyond the server. */
final class PageChecks {
    private PageChecks() {
    }

    /**
     * No console error since the last look, except the network errors a test provoked on
     * purpose: Chromium logs every 4xx answer as "Failed to load resource: … status of N".
     */
    static void noConsoleErrors(HeadlessChromium browser, int... expectedStatuses) {
        List<String> errors = browser.console().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .filter(m -> Arrays.stream(expectedStatuses).noneMatch(s -> m.contains("status of " + s)))
                .toList();
        assertThat(errors).as("console errors").isEmpty();
    }

    /** Every URL the page loaded is on the test server (127.0.0.1). */
    static void noRequestLeftTheServer(HeadlessChromium browser, TestServer server) {
        List<String> urls = browser.requestedUrls();
        assertThat(urls).isNotEmpty().allSatisfy(url -> assertThat(url).startsWith(server.url("/")));
    }
}
