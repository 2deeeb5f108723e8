package dev.sis.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.config.ImageLimits;
import dev.sis.config.SisConfig;
import dev.sis.image.DecodeGate;
import dev.sis.testing.ImageFiles;
import dev.sis.testing.TestImages;
import dev.sis.testing.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slow image work never holds up the rest of the server: with every decode slot busy making
 * variants of a 3,000-frame animation (seconds of CPU each), {@code /healthz}, a cached original
 * and an upload are all answered while those variants are provably still being made (the gate
 * still counts them running and their answers have not come). With decodes on the request
 * threads, as before, the slow variants took every virtual-thread carrier (one per core) and
 * nothing else was answered until one of them was done. Nothing is timed.
 */
@Tag("server-only")
class DecodesOffRequestThreadsTest {
    private static final int FRAMES = 3_000;
    private static final int CANVAS = 300;

    @TempDir
    Path dataDir;

    @Test
    void healthCachedReadsAndUploadsAreAnsweredWhileEveryDecodeSlotIsBusy() throws Exception {
        int slots = Runtime.getRuntime().availableProcessors(); // as many as the carriers of virtual threads
        try (TestServer server = TestServer.start(dataDir, c -> withSlowAnimationsAllowed(c, slots));
             ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor();
             HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(clients).build()) {
            byte[] animation = ImageFiles.gifWithFrames(CANVAS, CANVAS, FRAMES);
            String slow = TestImages.md5Hex(animation);
            assertThat(server.client().put("/v1/images/slow.gif", animation).statusCode()).isEqualTo(201);
            byte[] photo = TestImages.jpeg(64, 48);
            String cached = TestImages.md5Hex(photo);
            assertThat(server.client().put("/v1/images/photo.jpg", photo).statusCode()).isEqualTo(201);
            assertThat(server.client().get("/v1/images/" + cached).statusCode()).as("now cached").isEqualTo(200);
            DecodeGate gate = server.app().decodeGate();

            List<Future<HttpResponse<byte[]>>> variants = new ArrayList<>();
            for (int i = 0; i < slots; i++) {
                String url = server.url("/v1/images/" + slow + "?w=" + (CANVAS - 1 - i));
                variants.add(clients.submit(() -> http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                        HttpResponse.BodyHandlers.ofByteArray())));
            }
            while (gate.running() < slots) {
                Thread.sleep(5);
            }

            HttpResponse<byte[]> health = server.client().get("/healthz");
            HttpResponse<byte[]> original = server.client().get("/v1/images/" + cached);
            byte[] upload = TestImages.png(40, 30);
            HttpResponse<byte[]> uploaded = server.client().put("/v1/images/new.png", upload);

            assertThat(gate.running()).as("every slow variant still being made").isEqualTo(slots);
            assertThat(variants).as("no slow variant answered yet").noneMatch(Future::isDone);
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(original.statusCode()).isEqualTo(200);
            assertThat(original.body()).isEqualTo(photo);
            assertThat(uploaded.statusCode()).isEqualTo(201);
            assertThat(server.client().get("/v1/images/" + TestImages.md5Hex(upload)).body()).isEqualTo(upload);

            // The server's stop would wait for the slow variants (10 minutes allowed); stopping the
            // gate's workers ends them at their next frame, as at a deadline.
            gate.close();
            for (Future<HttpResponse<byte[]>> variant : variants) {
                assertThat(variant.get().statusCode()).isEqualTo(422);
            }
        }
    }

    private static SisConfig withSlowAnimationsAllowed(SisConfig c, int slots) {
        ImageLimits l = c.image();
        ImageLimits slow = new ImageLimits(l.maxSourcePixels(), l.maxOutputPixels(), l.maxDimension(), slots, 4 * slots)
                .withAnimationLimits((long) FRAMES * CANVAS * CANVAS, FRAMES)
                .withDecodeTimeout(Duration.ofMinutes(10));
        return new SisConfig(c.server(), c.store(), c.cache(), c.upload(), slow, c.security());
    }
}
