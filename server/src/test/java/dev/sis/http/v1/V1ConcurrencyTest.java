package dev.sis.http.v1;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sis.config.ImageLimits;
import dev.sis.config.SisConfig;
import dev.sis.image.DecodeGate;
import dev.sis.service.ImageService;
import dev.sis.testing.TestImages;
import dev.sis.testing.TestServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many requests at once: the same new variant is made once; too many decodes are refused with
 * 503 and {@code Retry-After}. Nothing here asserts on timing: overload is made certain by
 * holding the decode slot from the test.
 */
class V1ConcurrencyTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;
    private final ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor();
    private TestServer server;

    @AfterEach
    void stop() {
        clients.shutdownNow();
        if (server != null) {
            server.close();
        }
    }

    @Test
    void eightFirstRequestsForTheSameVariantMakeItOnce() throws Exception {
        for (boolean cached : new boolean[] {true, false}) {
            server = Answers.start(dataDir.resolve("cached-" + cached), cached);
            String md5 = Answers.put(server, "big.jpg", TestImages.jpeg(1600, 1200, 11)).get("md5").textValue();
            long before = server.app().service().variantsMade();

            List<HttpResponse<byte[]>> answers = together(8, i -> server.client().get("/v1/images/" + md5 + "?w=300&format=png"));

            for (HttpResponse<byte[]> answer : answers) {
                assertThat(answer.statusCode()).isEqualTo(200);
                assertThat(answer.body()).isEqualTo(answers.getFirst().body());
            }
            assertThat(TestImages.decode(answers.getFirst().body()).getWidth()).isEqualTo(300);
            assertThat(server.app().service().variantsMade() - before).as("cached=%s", cached).isEqualTo(1);
            server.close();
            server = null;
        }
    }

    /** A burst of different variants with one decode slot and no queue: each answer is 200 or a proper 503. */
    @Test
    void aBurstOverTheDecodeLimitIsAnswered200Or503WithRetryAfter() throws Exception {
        server = Answers.start(dataDir, new ImageLimits(ImageLimits.DEFAULT_MAX_SOURCE_PIXELS,
                ImageLimits.DEFAULT_MAX_OUTPUT_PIXELS, 10_000, 1, 0));
        String md5 = Answers.put(server, "big.png", TestImages.png(2000, 2000)).get("md5").textValue();
        // the analysis after the upload takes the only slot for a moment: let it finish first
        dev.sis.testing.AnalysisMade.await(server.client(), md5);
        // (made by the node that keeps the files: the server behind an agent)
        dev.sis.testing.Eventually.await(java.time.Duration.ofSeconds(20), "no post-upload work under way",
                () -> server.storageApp().service().postUpload().idle());

        List<HttpResponse<byte[]>> answers = together(12, i -> server.client().get("/v1/images/" + md5 + "?w=" + (100 + i)));

        int ok = 0;
        for (HttpResponse<byte[]> answer : answers) {
            if (answer.statusCode() == 200) {
                ok++;
                continue;
            }
            assertOverloaded(answer.statusCode(), answer.headers().firstValue("Retry-After").orElse(null), answer.body());
        }
        assertThat(ok).as("at least the request holding the slot succeeds").isPositive();
        assertThat(server.app().service().variantsMade()).isEqualTo(ok);

        HttpResponse<byte[]> after = server.client().get("/v1/images/" + md5 + "?w=99");
        assertThat(after.statusCode()).as("after the burst").isEqualTo(200);
    }

    /**
     * The server is assembled here as {@code App.start} does, so that the test holds the only
     * decode slot itself: a variant request is then refused for certain, and served once the
     * slot is free. Originals need no decode and are served meanwhile.
     */
    @Test
    void withTheOnlyDecodeSlotTakenAVariantIs503WithRetryAfterAndOriginalsStillWork() throws Exception {
        try (TestServer http = TestServer.start(dataDir, c -> withDecodes(c, 1, 0))) {
            DecodeGate gate = http.app().decodeGate();
            ImageService service = http.app().service();
            byte[] png = TestImages.png(64, 64);
            String base = "http://127.0.0.1:" + http.port();
            assertThat(send(HttpRequest.newBuilder(URI.create(base + "/v1/images/a.png"))
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(png))).statusCode()).isEqualTo(201);
            String md5 = TestImages.md5Hex(png);
            dev.sis.testing.AnalysisMade.await(http.client(), md5); // it takes the slot for a moment

            HttpResponse<byte[]> refused;
            HttpResponse<byte[]> original;
            try (DecodeGate.Permit held = gate.enter()) {
                refused = send(HttpRequest.newBuilder(URI.create(base + "/v1/images/" + md5 + "?w=10")));
                original = send(HttpRequest.newBuilder(URI.create(base + "/v1/images/" + md5)));
            }
            HttpResponse<byte[]> served = send(HttpRequest.newBuilder(URI.create(base + "/v1/images/" + md5 + "?w=10")));

            assertOverloaded(refused.statusCode(), refused.headers().firstValue("Retry-After").orElse(null), refused.body());
            assertThat(refused.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(original.statusCode()).isEqualTo(200);
            assertThat(original.body()).isEqualTo(png);
            assertThat(served.statusCode()).isEqualTo(200);
            assertThat(TestImages.decode(served.body()).getWidth()).isEqualTo(10);
            assertThat(service.variantsMade()).isEqualTo(1);
        }
    }

    private static SisConfig withDecodes(SisConfig c, int slots, int queue) {
        ImageLimits l = c.image();
        return new SisConfig(c.server(), c.store(), c.cache(), c.upload(),
                new ImageLimits(l.maxSourcePixels(), l.maxOutputPixels(), l.maxDimension(), slots, queue), c.security());
    }

    /** With one queue place: one request waits for the held slot, the next is refused, the waiter is served. */
    @Test
    void aRequestBeyondTheQueueIs503WhileAQueuedOneIsServedLater() throws Exception {
        try (TestServer http = TestServer.start(dataDir, c -> withDecodes(c, 1, 1))) {
            DecodeGate gate = http.app().decodeGate();
            ImageService service = http.app().service();
            byte[] png = TestImages.png(64, 64);
            String base = "http://127.0.0.1:" + http.port();
            send(HttpRequest.newBuilder(URI.create(base + "/v1/images/a.png")).PUT(HttpRequest.BodyPublishers.ofByteArray(png)));
            String md5 = TestImages.md5Hex(png);
            dev.sis.testing.AnalysisMade.await(http.client(), md5); // it takes the slot for a moment

            DecodeGate.Permit held = gate.enter();
            Future<HttpResponse<byte[]>> queued;
            HttpResponse<byte[]> refused;
            try {
                queued = clients.submit(() -> send(HttpRequest.newBuilder(URI.create(base + "/v1/images/" + md5 + "?w=20"))));
                while (gate.queued() < 1) {
                    Thread.sleep(1);
                }
                refused = send(HttpRequest.newBuilder(URI.create(base + "/v1/images/" + md5 + "?w=30")));
            } finally {
                held.close();
            }

            assertOverloaded(refused.statusCode(), refused.headers().firstValue("Retry-After").orElse(null), refused.body());
            HttpResponse<byte[]> waited = queued.get();
            assertThat(waited.statusCode()).isEqualTo(200);
            assertThat(TestImages.decode(waited.body()).getWidth()).isEqualTo(20);
        }
    }

    private static void assertOverloaded(int status, String retryAfter, byte[] body) throws IOException {
        assertThat(status).as("an answer that is not 200").isEqualTo(503);
        assertThat(retryAfter).as("Retry-After").isNotNull().matches("[1-9][0-9]*");
        JsonNode json = JSON.readTree(body);
        assertThat(json.get("status").intValue()).isEqualTo(503);
        Answers.assertClean(json.get("error").textValue());
    }

    private interface Call {
        HttpResponse<byte[]> call(int i) throws Exception;
    }

    /** Runs {@code n} calls at once (released together) and returns their answers in order. */
    private List<HttpResponse<byte[]>> together(int n, Call call) throws Exception {
        CountDownLatch ready = new CountDownLatch(n);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<HttpResponse<byte[]>>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int index = i;
            futures.add(clients.submit(() -> {
                ready.countDown();
                go.await();
                return call.call(index);
            }));
        }
        ready.await();
        go.countDown();
        List<HttpResponse<byte[]>> answers = new ArrayList<>();
        for (Future<HttpResponse<byte[]>> future : futures) {
            answers.add(future.get());
        }
        return answers;
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static HttpResponse<byte[]> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
