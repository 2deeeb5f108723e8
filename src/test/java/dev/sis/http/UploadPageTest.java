package dev.sis.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.testing.TestClient;
import dev.sis.testing.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The page at {@code /} offers what sis 2.0's did: a multi-file picker posting to {@code up}. */
class UploadPageTest {
    @TempDir
    Path dataDir;

    @Test
    void rootServesAnUploadFormForManyFilesThatPostsToUp() {
        try (TestServer server = TestServer.start(dataDir)) {
            HttpResponse<byte[]> page = server.client().get("/");

            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
            assertThat(page.headers().firstValue("Content-Security-Policy")).isPresent();
            String html = TestClient.text(page);
            assertThat(html).contains("action=\"up\"", "method=\"post\"", "enctype=\"multipart/form-data\"",
                    "type=\"file\"", "multiple", "simple_down?md5=");
        }
    }

    @Test
    void unknownPathsOutsideV1AnswerPlain404() {
        try (TestServer server = TestServer.start(dataDir)) {
            HttpResponse<byte[]> answer = server.client().get("/no/such/page");

            assertThat(answer.statusCode()).isEqualTo(404);
            assertThat(TestClient.text(answer)).isEqualTo("404 page not found\n");
        }
    }
}
