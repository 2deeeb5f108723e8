package dev.sis.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.sis.config.ImageLimits;
import dev.sis.config.SisConfig;
import dev.sis.image.DecodeGate;
import dev.sis.testing.ImageFiles;
import dev.sis.testing.TestImages;
import dev.sis.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A burst of new variants of a large original beyond the decode line costs no reading of it: a
 * request takes its place in line before it reads anything, and one with a place reads only the
 * header until its decode is admitted. Before, each request read the whole original (the native
 * engine buffered it, the pure-Java engine walked a GIF's frames) before the queue said 503: 300
 * requests for a 28 MB original took 5.8 GB. Measured with the bytes this process read
 * ({@code rchar} in {@code /proc/self/io}, Linux), nothing timed.
 */
@Tag("server-only")
class ReadAfterAdmissionTest {
    private static final int BURST = 40;
    private static final int PADDING = 8 << 20;

    @TempDir
    Path dataDir;

    @Test
    void aBurstBeyondTheLineIsRefusedWithoutReadingTheOriginal() throws Exception {
        Path io = Path.of("/proc/self/io");
        assumeThat(Files.isReadable(io)).as("/proc/self/io (Linux)").isTrue();
        byte[] original = animationWithALargeComment();
        try (TestServer server = TestServer.start(dataDir, ReadAfterAdmissionTest::oneSlotOneQueued);
             ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor();
             HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(clients).build()) {
            assertThat(server.client().put("/v1/images/big.gif", original).statusCode()).isEqualTo(201);
            String md5 = TestImages.md5Hex(original);
            assertThat(server.client().get("/v1/images/" + md5 + "?w=10").statusCode()).as("warm-up").isEqualTo(200);
            DecodeGate gate = server.app().decodeGate();

            List<Future<HttpResponse<byte[]>>> answers = new ArrayList<>();
            long readBefore;
            long readDuring;
            try (DecodeGate.Permit held = gate.enter()) {
                readBefore = bytesRead(io);
                for (int i = 0; i < BURST; i++) {
                    URI uri = URI.create(server.url("/v1/images/" + md5 + "?w=" + (20 + i)));
                    answers.add(clients.submit(() -> http.send(HttpRequest.newBuilder(uri).build(),
                            HttpResponse.BodyHandlers.ofByteArray())));
                }
                while (answers.stream().filter(Future::isDone).count() < BURST - 1) {
                    Thread.sleep(5);
                }
                readDuring = bytesRead(io) - readBefore;
            }
            long refused = 0;
            long served = 0;
            for (Future<HttpResponse<byte[]>> answer : answers) {
                int status = answer.get().statusCode();
                refused += status == 503 ? 1 : 0;
                served += status == 200 ? 1 : 0;
            }
            assertThat(refused).as("beyond the one running and the one queued").isEqualTo(BURST - 1);
            assertThat(served).as("the queued one, once the slot was free").isEqualTo(1);
            assertThat(readDuring).as("bytes read while %d requests were refused (the original has %d)",
                    BURST - 1, original.length).isLessThan(original.length);
            System.out.printf("read after admission: %d bytes read for %d refused requests (original: %d bytes)%n",
                    readDuring, BURST - 1, original.length);
        }
    }

    /** A 2-frame GIF followed by 8 MiB of comment: only a walk of the whole file finds its end. */
    private static byte[] animationWithALargeComment() {
        byte[] frames = ImageFiles.gifWithFrames(64, 64, 2);
        ByteArrayOutputStream out = new ByteArrayOutputStream(frames.length + PADDING + PADDING / 255 + 8);
        out.write(frames, 0, frames.length - 1); // all but the trailer
        out.write(0x21);
        out.write(0xFE);
        byte[] block = new byte[255];
        java.util.Arrays.fill(block, (byte) 'x');
        for (int written = 0; written < PADDING; written += block.length) {
            out.write(block.length);
            out.write(block, 0, block.length);
        }
        out.write(0);
        out.write(0x3B);
        return out.toByteArray();
    }

    /** {@code rchar}: the bytes this process has read, from files, sockets or the page cache alike. */
    private static long bytesRead(Path io) {
        try {
            return Files.readAllLines(io).stream().filter(l -> l.startsWith("rchar:"))
                    .mapToLong(l -> Long.parseLong(l.substring(6).trim())).findFirst().orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SisConfig oneSlotOneQueued(SisConfig c) {
        ImageLimits l = c.image();
        return new SisConfig(c.server(), c.store(), c.cache(), c.upload(),
                new ImageLimits(l.maxSourcePixels(), l.maxOutputPixels(), l.maxDimension(), 1, 1), c.security());
    }
}
