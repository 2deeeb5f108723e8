package dev.sis.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.testing.ServerProcess;
import dev.sis.testing.Slow;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A log collector that stops reading (a full pipe on stderr) must not stop sis answering: the
 * access log is written from a queue that drops lines when stderr blocks, and says how many it
 * dropped once stderr is read again.
 */
@Slow
class BlockedLogTest {
    /**
     * Each request logs a line of about 90 bytes: more lines than the pipe (64 KiB), this side's
     * reader and sis's queue (8,192 lines) hold together, so that some must be dropped.
     */
    private static final int REQUESTS = 12_000;

    @TempDir
    Path dataDir;

    @Test
    void sisKeepsAnsweringWhenNobodyReadsItsLog() throws Exception {
        try (ServerProcess sis = ServerProcess.start(List.of("-Xmx256m"),
                ServerProcess.loopbackStore(dataDir));
             HttpClient http = HttpClient.newHttpClient()) {
            sis.stopReadingLog();
            HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + sis.port() + "/healthz"))
                    // Bounds a stalled server; a healthy one answers in about a millisecond.
                    .timeout(Duration.ofSeconds(20))
                    .build();
            int answered = 0;
            for (int i = 0; i < REQUESTS; i++) {
                HttpResponse<String> response = http.send(health, HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as("request %d", i).isEqualTo(200);
                answered++;
            }
            assertThat(answered).isEqualTo(REQUESTS);

            sis.resumeReadingLog();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (sis.lines().stream().noneMatch(l -> l.contains("log lines dropped")) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(sis.lines()).as("the lines lost are counted once the log is read again")
                    .anyMatch(l -> l.matches("sis: \\d+ log lines dropped: stderr was not being read"));
        }
    }
}
