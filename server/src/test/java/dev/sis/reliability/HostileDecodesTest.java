package dev.sis.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.config.ImageLimits;
import dev.sis.config.SisConfig;
import dev.sis.testing.HostileImages;
import dev.sis.testing.ImageFiles;
import dev.sis.testing.TestClient;
import dev.sis.testing.TestImages;
import dev.sis.testing.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files made to cost a decoder far more than their size, against a real server (both engines:
 * the build runs this class again with libvips): refused from their structure before a pixel is
 * decoded (422; legacy 404), and, when let through, stopped at the decode deadline rather than
 * waited for.
 */
@Tag("server-only")
class HostileDecodesTest {
    @TempDir
    Path dataDir;

    @Test
    void aJpegWithThousandsOfScansIsRefusedBeforeItIsDecoded() {
        assertRefusedOnAServer("bomb.jpg", HostileImages.progressiveJpegScanBomb(7000, 7000, 1_000),
                "the JPEG has more than 100 scans");
    }

    @Test
    void aPngWithManyCompressedTextChunksIsRefusedBeforeItIsDecoded() {
        assertRefusedOnAServer("text.png", HostileImages.pngWithTextChunks(20, 1_000_000),
                "more than 8 compressed text or profile chunks");
    }

    @Test
    void aPngWithHundredsOfAncillaryChunksIsRefused() {
        byte[] png = TestImages.png(64, 48);
        for (int i = 0; i < 300; i++) {
            png = ImageFiles.withPngChunk(png, "tEXt", ("Comment\0line " + i).getBytes(StandardCharsets.ISO_8859_1));
        }
        assertRefusedOnAServer("chunks.png", png, "more than 256 ancillary chunks");
    }

    @Test
    void ordinaryProgressiveJpegsAndPngsWithTextAndAProfileAreServed() {
        byte[] progressive = ImageFiles.jpeg(TestImages.picture(640, 480, 3), "4:2:0", true);
        byte[] png = HostileImages.pngWithTextChunks(3, 10_000);
        png = ImageFiles.withPngIccProfile(png, java.awt.color.ICC_Profile.getInstance(java.awt.color.ColorSpace.CS_sRGB).getData());
        try (TestServer server = TestServer.start(dataDir)) {
            for (byte[] file : List.of(progressive, png)) {
                String md5 = upload(server, file == png ? "text.png" : "progressive.jpg", file);
                HttpResponse<byte[]> variant = server.client().get("/v1/images/" + md5 + "?w=100");
                assertThat(variant.statusCode()).as(TestClient.text(variant)).isEqualTo(200);
                assertThat(TestImages.decode(variant.body()).getWidth()).isEqualTo(100);
            }
        }
    }

    /**
     * Issue 14's scan bomb, made larger and let through the scan limit: two variants at once with
     * a 2 s decode timeout. Both are stopped at the deadline (the decoders' input ends there) and
     * answered 422, and no work is left running. Waiting for the decoders instead takes minutes
     * (libvips) to the better part of an hour (the JDK's decoder): the timeout is a bound for a
     * hang, not a measure.
     */
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aDecodePastTheTimeoutIsStoppedNotWaitedFor() throws Exception {
        byte[] bomb = HostileImages.progressiveJpegScanBomb(7000, 7000, 50_000);
        UnaryOperator<SisConfig> shortDeadlineAnyScans = c -> new SisConfig(c.server(), c.store(), c.cache(), c.upload(),
                c.image().withDecodeTimeout(Duration.ofSeconds(2)).withMaxJpegScans(1_000_000), c.security());
        try (TestServer server = TestServer.start(dataDir, shortDeadlineAnyScans);
             ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor();
             HttpClient http = HttpClient.newBuilder().executor(clients).build()) {
            String md5 = upload(server, "bomb.jpg", bomb);

            // 1000 px of 7000: the Java engine shrinks on load at 1/4, where every AC scan counts
            // (at 1/8, for a 100 px thumbnail, it would skip the bomb's AC scans unread and answer 200).
            List<Future<HttpResponse<byte[]>>> answers = List.of(1000, 1001).stream().map(w -> clients.submit(() ->
                    http.send(HttpRequest.newBuilder(URI.create(server.url("/v1/images/" + md5 + "?w=" + w))).build(),
                            HttpResponse.BodyHandlers.ofByteArray()))).toList();

            for (Future<HttpResponse<byte[]>> answer : answers) {
                assertThat(answer.get().statusCode()).isEqualTo(422);
                assertThat(new String(answer.get().body(), StandardCharsets.UTF_8))
                        .contains("could not be processed within this server's limit of 2000 ms");
            }
            assertThat(server.app().decodeGate().running()).as("no decode left running").isZero();
            assertThat(server.client().get("/healthz").statusCode()).isEqualTo(200);
        }
    }

    private static String upload(TestServer server, String name, byte[] file) {
        assertThat(server.client().put("/v1/images/" + name, file).statusCode()).isEqualTo(201);
        return TestImages.md5Hex(file);
    }

    /** Stored, then refused when a variant is asked: 422 with the reason on /v1, sis 2.0's empty 404 on the legacy route. */
    private void assertRefusedOnAServer(String name, byte[] file, String reason) {
        try (TestServer server = TestServer.start(dataDir)) {
            String md5 = upload(server, name, file);
            HttpResponse<byte[]> v1 = server.client().get("/v1/images/" + md5 + "?w=100");
            assertThat(v1.statusCode()).as(TestClient.text(v1)).isEqualTo(422);
            assertThat(TestClient.text(v1)).contains(reason);
            HttpResponse<byte[]> legacy = server.client().get("/stretch_simple_down?md5=" + md5 + "&w=100&h=100");
            assertThat(legacy.statusCode()).isEqualTo(404);
            assertThat(legacy.body()).isEmpty();
        }
    }
}
