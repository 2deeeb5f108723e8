package dev.sis.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.config.ImageLimits;
import dev.sis.config.SisConfig;
import dev.sis.image.DecodeGate;
import dev.sis.testing.TestImages;
import dev.sis.testing.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The decode queue saturated: with the only decode slot held by the test and the queue full, a
 * burst of 200 variant requests (/v1 and legacy) is refused at once with 503 and
 * {@code Retry-After}, the queue never grows past its bound, the server's platform threads do
 * not pile up (requests run on virtual threads and a refused one holds nothing), and once the
 * slot is free the queued requests are served. Structural assertions only: nothing is timed.
 */
@Tag("server-only")
class DecodeSaturationTest {
    private static final int QUEUE = 2;
    private static final int BURST = 200;
    private static final Pattern THREADS = Pattern.compile("(?m)^jvm_threads_live_threads(?:\\{[^}]*})? ([0-9.]+)$");
    private static final Pattern REJECTIONS = Pattern.compile("(?m)^sis_decode_rejections_total(?:\\{[^}]*})? ([0-9.]+)$");

    @TempDir
    Path dataDir;

    @Test
    void aBurstBeyondTheQueueIs503WithRetryAfterAndPilesNothingUp() throws Exception {
        try (TestServer server = TestServer.start(dataDir, DecodeSaturationTest::oneSlot);
             ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor();
             HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(clients).build()) {
            byte[] png = TestImages.png(300, 200);
            String md5 = TestImages.md5Hex(png);
            assertThat(server.client().put("/v1/images/p.png", png).statusCode()).isEqualTo(201);
            assertThat(get(http, server.url("/v1/images/" + md5 + "?w=5")).statusCode()).as("warm-up").isEqualTo(200);
            int threadsBefore = metric(server, THREADS);
            DecodeGate gate = server.app().decodeGate();

            List<Future<HttpResponse<byte[]>>> queued = new ArrayList<>();
            List<HttpResponse<byte[]>> refused = new ArrayList<>();
            int threadsDuring;
            int maxQueued = 0;
            try (DecodeGate.Permit held = gate.enter()) {
                for (int i = 0; i < QUEUE; i++) {
                    String url = server.url("/v1/images/" + md5 + "?w=" + (10 + i));
                    queued.add(clients.submit(() -> get(http, url)));
                }
                while (gate.queued() < QUEUE) {
                    Thread.onSpinWait();
                }
                List<Future<HttpResponse<byte[]>>> burst = new ArrayList<>();
                for (int i = 0; i < BURST; i++) {
                    String url = i % 2 == 0
                            ? server.url("/v1/images/" + md5 + "?w=" + (100 + i))
                            : server.url("/stretch_simple_down?md5=" + md5 + "&w=" + (100 + i) + "&h=50");
                    burst.add(clients.submit(() -> get(http, url)));
                }
                for (Future<HttpResponse<byte[]>> answer : burst) {
                    refused.add(answer.get());
                    maxQueued = Math.max(maxQueued, gate.queued());
                }
                threadsDuring = metric(server, THREADS);
                assertThat(queued).noneMatch(Future::isDone);
            }
            for (Future<HttpResponse<byte[]>> answer : queued) {
                assertThat(answer.get().statusCode()).as("queued, then served").isEqualTo(200);
            }

            for (HttpResponse<byte[]> answer : refused) {
                assertThat(answer.statusCode()).isEqualTo(503);
                assertThat(answer.headers().firstValue("Retry-After")).hasValue("1");
                if (answer.uri().getPath().startsWith("/v1/")) {
                    assertThat(new String(answer.body(), StandardCharsets.UTF_8)).startsWith("{\"status\":503,");
                } else {
                    assertThat(answer.body()).as("legacy: empty body").isEmpty();
                }
            }
            assertThat(maxQueued).isLessThanOrEqualTo(QUEUE);
            assertThat(metric(server, REJECTIONS)).isEqualTo(BURST);
            assertThat(threadsDuring - threadsBefore)
                    .as("platform threads added while %d requests were refused and %d waited", BURST, QUEUE)
                    .isLessThan(16);
            assertThat(gate.queued()).isZero();
            assertThat(server.client().get("/healthz").statusCode()).isEqualTo(200);
            System.out.printf("decode saturation: %d of %d requests refused with 503, queue at most %d,"
                    + " live threads %d before and %d during%n", refused.size(), BURST, maxQueued, threadsBefore, threadsDuring);
        }
    }

    private static HttpResponse<byte[]> get(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static int metric(TestServer server, Pattern pattern) {
        Matcher m = pattern.matcher(dev.sis.testing.TestClient.text(server.client().get("/metrics")));
        assertThat(m.find()).as("metric %s", pattern).isTrue();
        return (int) Double.parseDouble(m.group(1));
    }

    private static SisConfig oneSlot(SisConfig c) {
        ImageLimits l = c.image();
        return new SisConfig(c.server(), c.store(), c.cache(), c.upload(),
                new ImageLimits(l.maxSourcePixels(), l.maxOutputPixels(), l.maxDimension(), 1, QUEUE), c.security());
    }
}
