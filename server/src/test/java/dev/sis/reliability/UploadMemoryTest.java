package dev.sis.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.config.SisConfig;
import dev.sis.testing.Eventually;
import dev.sis.testing.Multipart;
import dev.sis.testing.TestClient;
import dev.sis.testing.TestImages;
import dev.sis.testing.TestServer;
import java.io.IOException;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The uploads in flight share one memory budget ({@code --upload-memory}, here its least, 1 MiB:
 * the buffers of 8 uploads, 128 KiB each): a ninth upload while 8 are stalled is refused with 503
 * and {@code Retry-After}, a file whose copy would not fit in half the budget (the most copies
 * may take) is stored and served all the same (from disk), and every byte taken is given back
 * once the uploads end.
 */
@Tag("server-only")
class UploadMemoryTest {
    private static final long ONE_MIB = 1L << 20;

    @TempDir
    Path dataDir;

    @Test
    void aNinthUploadWhileEightHoldTheBudgetIs503AndTheBudgetIsGivenBackAfterwards() throws Exception {
        try (TestServer server = TestServer.start(dataDir, UploadMemoryTest::withOneMiB)) {
            List<Socket> stalled = new ArrayList<>();
            try {
                for (int i = 0; i < 8; i++) {
                    stalled.add(stalledUpload(server.port(), i));
                }
                awaitStagingFiles(8);

                HttpResponse<byte[]> v1 = server.client().put("/v1/images/ninth.jpg", TestImages.jpeg(30, 20));
                HttpResponse<byte[]> legacy = server.client().post("/up", new Multipart().file("f", "ninth.jpg",
                        TestImages.jpeg(30, 20)));

                assertThat(v1.statusCode()).as(TestClient.text(v1)).isEqualTo(503);
                assertThat(v1.headers().firstValue("Retry-After")).hasValue("1");
                assertThat(TestClient.text(v1)).contains("too many uploads at once");
                assertThat(legacy.statusCode()).isEqualTo(503);
                assertThat(legacy.headers().firstValue("Retry-After")).hasValue("1");
                assertThat(metric(server, "sis_upload_rejections_total")).isEqualTo(2.0);
            } finally {
                for (Socket socket : stalled) {
                    socket.close();
                }
            }
            awaitStagingFiles(0);

            assertThat(server.client().put("/v1/images/after.jpg", TestImages.jpeg(30, 20)).statusCode()).isEqualTo(201);
            assertThat(metric(server, "sis_upload_memory_bytes")).as("memory held once every upload ended").isZero();
        }
    }

    @Test
    void aFileWhoseCopyDoesNotFitIsStoredAndServedFromDisk() throws Exception {
        try (TestServer server = TestServer.start(dataDir, UploadMemoryTest::withOneMiB)) {
            byte[] large = jpegOf(600 * 1024); // over half of 1 MiB: no copy is kept
            byte[] small = TestImages.jpeg(40, 30); // within it: kept, and cached from memory

            HttpResponse<byte[]> first = server.client().put("/v1/images/large.jpg", large);
            HttpResponse<byte[]> second = server.client().put("/v1/images/small.jpg", small);

            assertThat(first.statusCode()).isEqualTo(201);
            assertThat(second.statusCode()).isEqualTo(201);
            assertThat(server.client().get("/v1/images/" + TestImages.md5Hex(large)).body()).isEqualTo(large);
            assertThat(server.client().get("/v1/images/" + TestImages.md5Hex(small)).body()).isEqualTo(small);
            assertThat(metric(server, "sis_upload_memory_bytes")).isZero();
        }
    }

    private static SisConfig withOneMiB(SisConfig c) {
        return new SisConfig(c.server(), c.store(), c.cache(), c.upload().withMemory(ONE_MIB), c.image(), c.security(),
                c.logFormat(), c.imageEngine());
    }

    /**
     * A PUT that sends its headers and none of its body: it holds its buffers and no copy (a
     * copy is taken as bytes arrive).
     */
    private static Socket stalledUpload(int port, int i) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.getOutputStream().write(("PUT /v1/images/stalled-" + i + ".jpg HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Length: 1000000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return socket;
    }

    /** A JPEG's first bytes followed by random ones, {@code size} in all: sniffed and probed as a JPEG. */
    private static byte[] jpegOf(int size) {
        byte[] jpeg = TestImages.jpeg(40, 30);
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        System.arraycopy(jpeg, 0, bytes, 0, jpeg.length);
        return bytes;
    }

    private void awaitStagingFiles(int count) throws Exception {
        Eventually.await(Duration.ofSeconds(30), count + " files in .staging", () -> stagingFiles() == count);
    }

    private long stagingFiles() throws IOException {
        try (Stream<Path> files = Files.list(dataDir.resolve(".staging"))) {
            return files.count();
        }
    }

    private static double metric(TestServer server, String name) {
        return TestClient.text(server.client().get("/metrics")).lines()
                .filter(l -> l.startsWith(name + " "))
                .mapToDouble(l -> Double.parseDouble(l.substring(name.length() + 1)))
                .findFirst().orElseThrow();
    }
}
