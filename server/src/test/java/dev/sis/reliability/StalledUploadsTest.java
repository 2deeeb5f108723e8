package dev.sis.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.testing.ServerProcess;
import dev.sis.testing.Slow;
import dev.sis.testing.TestImages;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Uploads that stall are a heap attack: sis used to keep up to 8 MiB of every upload in memory
 * while spooling it, for the cache, however long its client took; 111 stalled 8 MB uploads at
 * {@code -Xmx1g} raised {@code OutOfMemoryError}s and ordinary uploads failed. Here a real sis
 * process with {@code -Xmx256m} takes 50 uploads of 8 MB that stop just short of their end and
 * stay open: ordinary uploads still succeed, nothing runs out of memory, and once the stalled
 * clients go away nothing of theirs is left in {@code .staging}.
 */
@Slow
class StalledUploadsTest {
    private static final int STALLED = 50;
    private static final int SENT_BYTES = 8_000_000;
    private static final Pattern HEAP_USED = Pattern.compile("jvm_memory_used_bytes\\{area=\"heap\",[^}]*} (\\S+)");

    @TempDir
    Path dataDir;

    @Test
    void fiftyStalledEightMegabyteUploadsLeaveOrdinaryUploadsWorkingIn256MiB() throws Exception {
        try (ServerProcess sis = ServerProcess.start(List.of("-Xmx256m"),
                ServerProcess.loopbackStore(dataDir));
             HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()) {
            String base = "http://127.0.0.1:" + sis.port();
            List<Socket> stalled = new ArrayList<>();
            List<String> cut = new ArrayList<>();
            try {
                for (int i = 0; i < STALLED; i++) {
                    Socket socket = new Socket("127.0.0.1", sis.port());
                    stalled.add(socket);
                    try {
                        startStalledUpload(socket, i);
                    } catch (IOException e) {
                        cut.add("upload " + i + ": " + e);
                    }
                }
                awaitStagingSettled();
                long heapAfterStall = heapUsedAfterGc(sis, http, base);

                HttpResponse<String> ordinary = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/images/ok.jpg"))
                        .timeout(Duration.ofSeconds(60))
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(TestImages.jpeg(200, 100))).build(),
                        HttpResponse.BodyHandlers.ofString());
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(base + "/healthz"))
                        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());

                System.out.printf("%d stalled uploads of %,d bytes at -Xmx256m: %d cut by the server, %,d bytes in .staging,"
                        + " heap used after a GC %,d bytes, %d OutOfMemoryErrors logged; an ordinary upload answered %d%n",
                        STALLED, SENT_BYTES, cut.size(), stagingBytes(), heapAfterStall,
                        sis.lines().stream().filter(l -> l.contains("OutOfMemoryError")).count(), ordinary.statusCode());
                assertThat(cut).as("stalled uploads the server cut while they were sending").isEmpty();
                assertThat(ordinary.statusCode()).as(ordinary.body()).isEqualTo(201);
                assertThat(health.statusCode()).isEqualTo(200);
                assertThat(sis.lines()).noneMatch(l -> l.contains("OutOfMemoryError"));
            } finally {
                for (Socket socket : stalled) {
                    socket.close();
                }
            }
            awaitStagingEmpty();
            assertThat(stagingFiles()).as("staging files of the abandoned uploads").isEmpty();
            assertThat(sis.process().isAlive()).isTrue();
        }
    }

    /** A PUT of a JPEG-looking body that stops {@code 100,000} bytes short of its Content-Length. */
    private static void startStalledUpload(Socket socket, int i) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(("PUT /v1/images/stalled-" + i + ".jpg HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: "
                + (SENT_BYTES + 100_000) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        byte[] body = new byte[SENT_BYTES];
        new Random(i).nextBytes(body);
        byte[] jpeg = TestImages.jpeg(20, 20);
        System.arraycopy(jpeg, 0, body, 0, jpeg.length);
        out.write(body);
        out.flush();
    }

    /** Until the stalled uploads' staging files stop growing (at most a minute). */
    private void awaitStagingSettled() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        long previous = -1;
        long current = stagingBytes();
        while (current != previous && System.nanoTime() < deadline) {
            Thread.sleep(2_000);
            previous = current;
            current = stagingBytes();
        }
    }

    private void awaitStagingEmpty() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!stagingFiles().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }

    private List<Path> stagingFiles() throws IOException {
        try (Stream<Path> files = Files.list(dataDir.resolve(".staging"))) {
            return files.toList();
        }
    }

    private long stagingBytes() throws IOException {
        long total = 0;
        for (Path file : stagingFiles()) {
            try {
                total += Files.size(file);
            } catch (IOException gone) {
                // Removed meanwhile.
            }
        }
        return total;
    }

    /** The heap in use right after a full GC ({@code jcmd GC.run}), from {@code /metrics}: what is really held. */
    private static long heapUsedAfterGc(ServerProcess sis, HttpClient http, String base) throws Exception {
        Path jcmd = Paths.get(System.getProperty("java.home"), "bin", "jcmd");
        new ProcessBuilder(jcmd.toString(), Long.toString(sis.process().pid()), "GC.run")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        String metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).timeout(Duration.ofSeconds(30))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        long used = 0;
        Matcher m = HEAP_USED.matcher(metrics);
        while (m.find()) {
            used += (long) Double.parseDouble(m.group(1));
        }
        return used;
    }
}
