package dev.sis.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.config.SecurityConfig;
import dev.sis.config.SisConfig;
import dev.sis.testing.TestClient;
import dev.sis.testing.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pages over plain HTTP: what the server sends before any script runs. The browser tests
 * ({@code dev.sis.http.page}) check what the page then does.
 */
class UploadPageTest {
    private static final Pattern ASSET = Pattern.compile("\"web/(app\\.js|app\\.css|icon\\.svg)\\?v=([0-9a-f]{16})\"");

    @TempDir
    Path dataDir;

    @Test
    void rootServesAPageWithAPlainFormThatPostsToUpForBrowsersWithoutScript() {
        try (TestServer server = TestServer.start(dataDir)) {
            HttpResponse<byte[]> page = server.client().get("/");

            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type").orElseThrow().replace(" ", "")).isEqualTo("text/html;charset=utf-8");
            assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-cache");
            String html = TestClient.text(page);
            assertThat(html).containsPattern(Pattern.compile(
                    "<form[^>]*action=\"up\"[^>]*method=\"post\"[^>]*enctype=\"multipart/form-data\""));
            assertThat(html).containsPattern(Pattern.compile("<input[^>]*name=\"file\"[^>]*type=\"file\"[^>]*\\bmultiple\\b"));
            assertThat(html).contains("href=\"legacy.html\"");
        }
    }

    @Test
    void thePagesHaveAStrictCspAndNoInlineScriptOrStyle() {
        try (TestServer server = TestServer.start(dataDir)) {
            for (String path : new String[] {"/", "/legacy.html"}) {
                HttpResponse<byte[]> page = server.client().get(path);
                String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
                String html = TestClient.text(page);

                assertThat(csp).contains("default-src 'none'", "script-src 'self'", "style-src 'self'", "img-src 'self'",
                        "connect-src 'self'", "form-action 'self'", "frame-ancestors 'none'", "base-uri 'none'");
                assertThat(csp).doesNotContain("unsafe", "http:", "https:", "data:", "blob:", "*");
                assertThat(html).doesNotContainPattern(Pattern.compile("<script(?![^>]*\\bsrc=)"));
                assertThat(html).doesNotContainPattern(Pattern.compile("<style|\\sstyle=|\\son[a-z]+="));
                assertThat(html).doesNotContainPattern(Pattern.compile("(src|href)=\"(https?:)?//"));
            }
        }
    }

    @Test
    void thePageSaysWhetherUploadsNeedATokenAndTheLimits() {
        try (TestServer open = TestServer.start(dataDir)) {
            String html = TestClient.text(open.client().get("/"));
            assertThat(html).contains("data-upload-token=\"open\"", "data-max-upload-bytes=\"52428800\"",
                    "data-max-dimension=\"10000\"");
        }
        try (TestServer guarded = TestServer.start(dataDir, c -> new SisConfig(c.server(), c.store(), c.cache(),
                c.upload(), c.image(), new SecurityConfig(null, "upload-token-0123456789", null)))) {
            String html = TestClient.text(guarded.client().get("/"));
            assertThat(html).contains("data-upload-token=\"required\"").doesNotContain("upload-token-0123456789");
        }
    }

    @Test
    void onlyAServerThatNeedsTheUploadTokenSendsTheTokenFieldWithItsWords() {
        // A browser without script or style shows every element; an open server must not tell it
        // that uploads need a token.
        try (TestServer open = TestServer.start(dataDir)) {
            assertThat(TestClient.text(open.client().get("/")))
                    .doesNotContain("id=\"token\"", "takes uploads only with its token", "{{");
        }
        try (TestServer guarded = TestServer.start(dataDir, c -> new SisConfig(c.server(), c.store(), c.cache(),
                c.upload(), c.image(), new SecurityConfig(null, "upload-token-0123456789", null)))) {
            assertThat(TestClient.text(guarded.client().get("/")))
                    .contains("id=\"token\"", "takes uploads only with its token").doesNotContain("{{");
        }
    }

    @Test
    void assetsAreServedFromTheJarWithFingerprintedUrlsAndRevalidation() {
        try (TestServer server = TestServer.start(dataDir)) {
            Matcher assets = ASSET.matcher(TestClient.text(server.client().get("/")));
            int found = 0;
            while (assets.find()) {
                found++;
                String path = "/web/" + assets.group(1);
                HttpResponse<byte[]> versioned = server.client().get(path + "?v=" + assets.group(2));
                HttpResponse<byte[]> plain = server.client().get(path);
                String etag = plain.headers().firstValue("ETag").orElseThrow();
                HttpResponse<byte[]> again = server.client().get(path, "If-None-Match", etag);

                assertThat(versioned.statusCode()).isEqualTo(200);
                assertThat(versioned.body()).isNotEmpty();
                assertThat(versioned.headers().firstValue("Cache-Control")).hasValue("public, max-age=31536000, immutable");
                assertThat(versioned.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
                assertThat(plain.headers().firstValue("Cache-Control")).hasValue("no-cache");
                assertThat(plain.body()).isEqualTo(versioned.body());
                assertThat(etag).isEqualTo("\"" + assets.group(2) + "\"");
                assertThat(again.statusCode()).isEqualTo(304);
                assertThat(again.body()).isEmpty();
            }
            assertThat(found).isGreaterThanOrEqualTo(3);
            assertThat(server.client().get("/web/app.js").headers().firstValue("Content-Type"))
                    .hasValue("text/javascript; charset=utf-8");
            assertThat(server.client().get("/web/app.css").headers().firstValue("Content-Type"))
                    .hasValue("text/css; charset=utf-8");
            assertThat(server.client().get("/web/icon.svg").headers().firstValue("Content-Type")).hasValue("image/svg+xml");
        }
    }

    @Test
    void everyModuleTheScriptImportsIsServed() {
        // followed through every module, not app.js alone: a module that only another module
        // imports (gravity.js, from builder.js) must be served too
        try (TestServer server = TestServer.start(dataDir)) {
            Pattern from = Pattern.compile("from '\\./([a-z]+\\.js)'");
            Deque<String> toRead = new ArrayDeque<>(List.of("app.js"));
            Set<String> seen = new HashSet<>(toRead);
            while (!toRead.isEmpty()) {
                String name = toRead.pop();
                // asked for without a hash, as the browser asks for imported modules: revalidated
                HttpResponse<byte[]> module = server.client().get("/web/" + name);
                assertThat(module.statusCode()).as(name).isEqualTo(200);
                assertThat(module.headers().firstValue("Content-Type")).as(name).hasValue("text/javascript; charset=utf-8");
                assertThat(module.headers().firstValue("Cache-Control")).as(name).hasValue("no-cache");
                Matcher imports = from.matcher(TestClient.text(module));
                while (imports.find()) {
                    if (seen.add(imports.group(1))) {
                        toRead.add(imports.group(1));
                    }
                }
            }
            assertThat(seen).contains("builder.js", "presets.js", "adjust.js", "gravity.js");
        }
    }

    @Test
    void onlyTheListedAssetsAreServed() {
        try (TestServer server = TestServer.start(dataDir)) {
            for (String path : new String[] {"/web/index.html", "/web/nope.js", "/web/..%2Fsis-logback.xml", "/web/"}) {
                HttpResponse<byte[]> answer = server.client().get(path);
                assertThat(answer.statusCode()).as(path).isEqualTo(404);
            }
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
