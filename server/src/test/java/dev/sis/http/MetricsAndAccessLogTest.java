package dev.sis.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.config.SecurityConfig;
import dev.sis.config.SisConfig;
import dev.sis.testing.CapturedLog;
import dev.sis.testing.Eventually;
import dev.sis.testing.Multipart;
import dev.sis.testing.TestClient;
import dev.sis.testing.TestImages;
import dev.sis.testing.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /metrics} exposes the named series after traffic; the access log has one line per request, without secrets. */
class MetricsAndAccessLogTest {
    private static final String TOKEN = "upload-token-0123456789";

    @TempDir
    Path dataDir;
    private CapturedLog accessLines;

    @BeforeEach
    void captureAccessLog() {
        accessLines = CapturedLog.of("sis.access");
    }

    @AfterEach
    void release() {
        accessLines.close();
    }

    @Test
    void metricsNameRequestsCacheVariantsDecodesUploadsAndTheJvm() {
        try (TestServer server = TestServer.start(dataDir)) {
            byte[] image = TestImages.jpeg(300, 200);
            String md5 = TestImages.md5Hex(image);
            server.client().post("/v1/images", new Multipart().file("f", "a.jpg", image));
            server.client().get("/v1/images/" + md5 + "?w=30");
            server.client().get("/v1/images/" + md5 + "?w=30");
            server.client().get("/v1/images/" + "0".repeat(32));

            HttpResponse<byte[]> metrics = server.client().get("/metrics");

            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
            assertThat(TestClient.text(metrics)).contains(
                    "http_server_requests_seconds_count{method=\"GET\",route=\"/v1/images/{md5}\",status=\"200\"} 2",
                    "http_server_requests_seconds_count{method=\"GET\",route=\"/v1/images/{md5}\",status=\"404\"} 1",
                    "http_server_latency_seconds_bucket{route=\"/v1/images/{md5}\",le=\"0.005\"}",
                    "http_server_latency_seconds_count{route=\"/v1/images/{md5}\"} 3",
                    "sis_variants_made_seconds_bucket{le=\"30.0\"} 1",
                    "sis_cache_hits_total", "sis_cache_misses_total", "sis_cache_evictions_total",
                    "sis_cache_size_bytes", "sis_cache_budget_bytes",
                    "sis_variants_made_seconds_count 1\n",
                    "sis_decode_running", "sis_decode_queue", "sis_decode_rejections_total",
                    "sis_stored_bytes_total " + image.length + ".0\n",
                    "sis_upload_memory_bytes 0.0\n", "sis_upload_memory_budget_bytes", "sis_upload_rejections_total 0.0\n",
                    "sis_connections_open", "sis_connections_header_timeouts_total", "sis_connections_evictions_total",
                    "jvm_memory_used_bytes", "process_uptime_seconds", "process_files_open_files");
        }
    }

    @Test
    void everyRequestLogsOneLineWithItsIdAndNoTokenOrQuery() throws Exception {
        try (TestServer server = TestServer.start(dataDir, c -> new SisConfig(c.server(), c.store(), c.cache(),
                c.upload(), c.image(), new SecurityConfig(null, TOKEN, null)))) {
            HttpResponse<byte[]> upload = server.client().post("/up?token=" + TOKEN,
                    new Multipart().file("f", "a.png", TestImages.png(5, 5)), "X-Request-Id", "req-42");
            server.client().get("/v1/images/" + "0".repeat(32) + "?w=10&sig=secret-signature");

            assertThat(upload.headers().firstValue("X-Request-Id")).hasValue("req-42");
            // Jetty logs a request once it is complete, which may be just after the client has its answer.
            Eventually.await(Duration.ofSeconds(10), "two access lines", () -> accessLines.events().size() == 2);
            assertThat(accessLines.messages().getFirst()).contains(" 127.0.0.1 POST /up 200 ")
                    .endsWith("id=req-42");
            assertThat(accessLines.messages()).allSatisfy(line -> assertThat(line)
                    .doesNotContain(TOKEN, "token=", "secret-signature", "?"));
        }
    }

    @Test
    void aRequestWithoutASaneIdGetsANewOne() {
        try (TestServer server = TestServer.start(dataDir)) {
            HttpResponse<byte[]> answer = server.client().get("/healthz", "X-Request-Id", "bad id with spaces");

            assertThat(answer.headers().firstValue("X-Request-Id")).hasValueSatisfying(id ->
                    assertThat(id).matches("[0-9a-f-]{36}"));
        }
    }
}
