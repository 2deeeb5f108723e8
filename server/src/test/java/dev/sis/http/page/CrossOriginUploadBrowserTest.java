package dev.sis.http.page;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.sis.config.SecurityConfig;
import dev.sis.config.SisConfig;
import dev.sis.testing.TestServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A page of another site uploads to sis 2.0's {@code /up} with the upload token, in a real
 * browser: the preflight must allow that site and the {@code Authorization} header.
 */
class CrossOriginUploadBrowserTest extends BrowserTest {
    private static final String TOKEN = "cross-origin-upload-token-42";
    /** Makes a small PNG in the page and posts it to {@code arguments[0]} with the token. */
    private static final String UPLOAD = """
            const canvas = document.createElement('canvas');
            canvas.width = 8; canvas.height = 6;
            canvas.getContext('2d').fillRect(0, 0, 8, 6);
            const png = await new Promise((done) => canvas.toBlob(done, 'image/png'));
            const form = new FormData();
            form.append('file', png, 'dot.png');
            try {
              const answer = await fetch(arguments[0], { method: 'POST', body: form,
                headers: { Authorization: 'Bearer %s' } });
              return answer.status + ' ' + await answer.text();
            } catch (e) {
              return 'refused: ' + e;
            }
            """.formatted(TOKEN);

    private HttpServer otherSite;

    @BeforeEach
    void startOtherSite() throws IOException {
        otherSite = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        otherSite.createContext("/", exchange -> {
            byte[] page = "<!doctype html><title>another site</title><p>another site".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(page);
            }
        });
        otherSite.start();
    }

    @AfterEach
    void stopOtherSite() {
        otherSite.stop(0);
    }

    @Test
    void aConfiguredSiteUploadsToUpWithTheTokenAndAnotherSiteCannot() {
        String site = "http://127.0.0.1:" + otherSite.getAddress().getPort();
        try (TestServer sis = TestServer.start(dataDir, c -> new SisConfig(c.server(), c.store(), c.cache(),
                c.upload(), c.image(), new SecurityConfig(null, TOKEN, null, null, Set.of(), Set.of(site))))) {
            browser.open(site + "/");
            String answer = browser.script(UPLOAD, sis.url("/up"));
            assertThat(answer).startsWith("200 ").contains("\"Name\":\"dot.png\"", "\"MD5\":");

            browser.open("http://localhost:" + otherSite.getAddress().getPort() + "/");
            assertThat((String) browser.script(UPLOAD, sis.url("/up"))).as("a site not configured").startsWith("refused");
        }
    }

    @Test
    void sis2sPreflightHeaderStaysBesideTheStandardOnes() {
        try (TestServer sis = TestServer.start(dataDir)) {
            var preflight = sis.client().method("OPTIONS", "/up", new byte[0], "Origin", "https://pages.example",
                    "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "authorization");
            assertThat(preflight.statusCode()).isEqualTo(204);
            assertThat(Map.of(
                    "Access-Control-Allow-Origin", "*",
                    "Access-Control-Allow-Method", "POST",
                    "Access-Control-Allow-Methods", "POST"))
                    .allSatisfy((name, value) -> assertThat(preflight.headers().allValues(name)).containsExactly(value));
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers")).hasValueSatisfying(h ->
                    assertThat(h).contains("Authorization"));
        }
    }
}
