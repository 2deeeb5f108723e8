package dev.sis.http.legacy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.testing.TestClient;
import dev.sis.testing.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /}: a page with a multiple-file picker posting to {@code up}, linking each file's {@code simple_down}. */
class LegacyUploadPageTest {
    @Test
    void theUploadPageHasAMultipleFilePickerThatPostsToUp(@TempDir Path dir) {
        try (TestServer server = TestServer.start(dir)) {
            HttpResponse<byte[]> response = server.client().get("/");
            String html = TestClient.text(response);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
            assertThat(html).containsPattern(Pattern.compile("<input[^>]*type=\"file\"[^>]*\\bmultiple\\b"));
            assertThat(html).containsPattern(Pattern.compile(
                    "<form[^>]*action=\"up\"[^>]*method=\"post\"[^>]*enctype=\"multipart/form-data\""));
            assertThat(html).contains("simple_down?md5=");
        }
    }
}
