package dev.sis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.testing.Eventually;
import dev.sis.testing.ServerProcess;
import dev.sis.testing.Signals;
import dev.sis.testing.Slow;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The start-up warm-up, on a real process ({@code --warm-up}): {@code /readyz} says 503 "warming
 * up" while it runs and {@code /healthz} answers; once it is over the server is ready, and
 * nothing of it is left where a user would see it (the store, the cache, the access log, the
 * metrics, the temporary directory). A stop during it ends it and removes its files; a warm-up
 * that fails is logged and the server becomes ready anyway.
 */
@Slow
class WarmUpTest {
    private static final Duration START = Duration.ofSeconds(60);
    private static final Pattern DONE = Pattern.compile(
            "warm-up done in \\d+ ms \\(the upload and first reads \\d+ ms, then (\\d+) reads, (\\d+) of them cache hits\\)");
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dataDir;
    @TempDir
    Path tmp;

    @Test
    void readyzWaitsForTheWarmUpWhichLeavesNothingBehind() throws Exception {
        try (ServerProcess sis = ServerProcess.start(List.of("-Djava.io.tmpdir=" + tmp),
                ServerProcess.loopbackStore(dataDir, "--warm-up", "3s"))) {
            HttpResponse<String> warming = get(sis, "/readyz");
            assertThat(warming.statusCode()).isEqualTo(503);
            assertThat(warming.body()).contains("\"status\":\"unavailable\"", "\"starting\":\"warming up\"");
            assertThat(get(sis, "/healthz").statusCode()).isEqualTo(200);

            Eventually.await(START, "/readyz says ready", () -> get(sis, "/readyz").statusCode() == 200);
            assertThat(get(sis, "/readyz").body()).doesNotContain("warming");
            Matcher done = DONE.matcher(String.join("\n", sis.lines()));
            assertThat(done.find()).as("the warm-up's log line").isTrue();
            long reads = Long.parseLong(done.group(1));
            assertThat(reads).isPositive();
            assertThat(Long.parseLong(done.group(2))).as("its reads were cache hits").isGreaterThanOrEqualTo(reads);

            assertThat(regularFiles(dataDir)).as("the user's store").isEmpty();
            assertThat(warmUpDirectories()).as("the warm-up's temporary files").isEmpty();
            String metrics = get(sis, "/metrics").body();
            assertThat(metrics).as("the user's metrics").doesNotContain("simple_down", "/v1/images", "route=\"/up\"");
            assertThat(metrics).containsPattern("(?m)^sis_cache_size_bytes(\\{[^}]*})? 0(\\.0)?$");
            assertThat(metrics).containsPattern("(?m)^sis_cache_misses_total(\\{[^}]*})? 0(\\.0)?$");
            assertThat(sis.lines()).as("the access log").noneMatch(line -> line.contains("simple_down")
                    || line.contains("/v1/images") || line.contains("POST /up") || line.contains("sis-warm-up"));
        }
    }

    @Test
    void aStopDuringTheWarmUpEndsItAndRemovesItsFiles() throws Exception {
        try (ServerProcess sis = ServerProcess.start(List.of("-Djava.io.tmpdir=" + tmp),
                ServerProcess.loopbackStore(dataDir, "--warm-up", "60s"))) {
            Eventually.await(START, "the warm-up's reads begin", () -> sis.lines().stream()
                    .anyMatch(line -> line.contains("sis is ready")) && !warmUpDirectories().isEmpty());
            assertThat(get(sis, "/readyz").statusCode()).isEqualTo(503);

            Signals.send(sis.process().pid(), "TERM");
            // Far less than the 60 s the warm-up would take: the stop ended it.
            assertThat(sis.process().waitFor(30, TimeUnit.SECONDS)).as("sis exits").isTrue();
            assertThat(sis.lines()).anyMatch(line -> line.contains("warm-up stopped: sis is stopping"));
            assertThat(warmUpDirectories()).as("the warm-up's temporary files").isEmpty();
            assertThat(regularFiles(dataDir)).as("the user's store").isEmpty();
        }
    }

    @Test
    void aWarmUpThatFailsIsLoggedAndTheServerBecomesReady() throws Exception {
        Path notADirectory = Files.writeString(tmp.resolve("a-file"), "not a directory");
        try (ServerProcess sis = ServerProcess.start(List.of("-Djava.io.tmpdir=" + notADirectory),
                ServerProcess.loopbackStore(dataDir, "--warm-up", "2s"))) {
            Eventually.await(START, "/readyz says ready", () -> get(sis, "/readyz").statusCode() == 200);
            assertThat(sis.lines()).anyMatch(line -> line.contains("warm-up failed, so sis serves without it"));
        }
    }

    private HttpResponse<String> get(ServerProcess sis, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + sis.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private List<Path> warmUpDirectories() throws IOException {
        try (Stream<Path> entries = Files.list(tmp)) {
            return entries.filter(p -> p.getFileName().toString().startsWith("sis-warm-up-")).toList();
        }
    }

    private static List<Path> regularFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }
}
