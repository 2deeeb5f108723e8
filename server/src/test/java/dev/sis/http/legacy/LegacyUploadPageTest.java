package dev.sis.http.legacy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.testing.TestClient;
import dev.sis.testing.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * sis 2.0's upload page: {@code GET /} still has a multiple-file picker posting to {@code up}
 * (the page's plain form, for browsers without script), and {@code /legacy.html} is sis 2.0's
 * page itself, which shows the answer and a {@code simple_down?md5=} link per file.
 */
class LegacyUploadPageTest {
    private static final Pattern PICKER = Pattern.compile("<input[^>]*type=\"file\"[^>]*\\bmultiple\\b");
    private static final Pattern FORM = Pattern.compile(
            "<form[^>]*action=\"up\"[^>]*method=\"post\"[^>]*enctype=\"multipart/form-data\"");

    @Test
    void theUploadPageHasAMultipleFilePickerThatPostsToUp(@TempDir Path dir) {
        try (TestServer server = TestServer.start(dir)) {
            HttpResponse<byte[]> response = server.client().get("/");
            String html = TestClient.text(response);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
            assertThat(html).containsPattern(PICKER).containsPattern(FORM);
        }
    }

    @Test
    void sis20sPageIsAtLegacyHtmlAndLinksEachFileBySimpleDown(@TempDir Path dir) {
        try (TestServer server = TestServer.start(dir)) {
            HttpResponse<byte[]> response = server.client().get("/legacy.html");
            String html = TestClient.text(response);
            String script = TestClient.text(server.client().get("/web/legacy.js"));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
            assertThat(html).containsPattern(PICKER).containsPattern(FORM).contains("web/legacy.js");
            assertThat(script).contains("fetch('up'", "simple_down?md5=");
        }
    }
}
