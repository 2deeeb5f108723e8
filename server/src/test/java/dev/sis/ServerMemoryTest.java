package dev.sis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.testing.Corpus;
import dev.sis.testing.Prerequisite;
import dev.sis.testing.Requires;
import dev.sis.testing.Slow;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
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
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bounded memory, on the real process: a server with a 512 MiB heap takes 8 concurrent first
 * requests for different variants of 18 MP photos. Each answers 200 or 503 (busy, retry) —
 * never a 500 or a dropped connection — some answer 200, and the server is alive afterwards.
 * Eight decodes may run at once by count ({@code --max-decodes 8}), so that only the admission
 * by memory (its default budget, half the heap) keeps them from needing well over 512 MiB.
 */
@Slow
@Requires(Prerequisite.PHOTO_CORPUS)
class ServerMemoryTest {
    private static final Pattern LISTENING = Pattern.compile("listening on:\\s+\\S+:(\\d+)");

    @TempDir
    Path dataDir;

    @Test
    void eightConcurrentFirstVariantsOfEighteenMegapixelPhotosFitIn512MiB() throws Exception {
        Path baseline = Corpus.file("photo-18mp-baseline-q90.jpg");
        Path progressive = Corpus.file("elephants-18mp-progressive-q100.jpg");
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        Process server = start(log);
        try {
            String base = "http://127.0.0.1:" + awaitPort(server, log);
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            String a = upload(client, base, "baseline.jpg", baseline);
            String b = upload(client, base, "progressive.jpg", progressive);

            // Full-size variants, the heaviest there are: each holds its 18 MP decoded, resampled and
            // encoded. Eight of them at once need far more than 512 MiB (without the memory budget,
            // --decode-memory=1TiB, this test sees 500s from OutOfMemoryError).
            String[] variants = {a + "?w=5640&format=png", a + "?w=5600&format=png", a + "?w=5400&format=png",
                    a + "?w=5200&format=png", b + "?w=5640&format=png", b + "?w=5600&format=png",
                    b + "?w=5400&format=png", b + "?w=5200&format=png"};
            CountDownLatch start = new CountDownLatch(1);
            List<CompletableFuture<String>> answers = new ArrayList<>();
            for (String variant : variants) {
                answers.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                        HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(URI.create(base + "/v1/images/" + variant))
                                .timeout(Duration.ofMinutes(5)).build(), HttpResponse.BodyHandlers.ofByteArray());
                        return response.statusCode() + " " + variant + " (" + response.body().length + " bytes)";
                    } catch (IOException e) {
                        return "failed " + variant + ": " + e;
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return "interrupted " + variant;
                    }
                }));
            }
            start.countDown();
            List<String> results = answers.stream().map(CompletableFuture::join).toList();
            System.out.println("8 concurrent first variants with -Xmx512m:\n  " + String.join("\n  ", results));

            assertThat(results).as("server log:%n%s", String.join("\n", log))
                    .allMatch(r -> r.startsWith("200 ") || r.startsWith("503 "))
                    .anyMatch(r -> r.startsWith("200 "));
            HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create(base + "/healthz")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(server.isAlive()).isTrue();
            assertThat(String.join("\n", log)).doesNotContain("OutOfMemoryError");
        } finally {
            server.destroyForcibly();
            server.waitFor();
        }
    }

    private Process start(List<String> log) throws IOException {
        Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        return new ProcessBuilder(List.of(java.toString(), "-Xmx512m", "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), "-Dlogback.configurationFile=sis-logback.xml",
                "dev.sis.Main", "--max-decodes", "8", "-port", "0", "-host", "127.0.0.1", "-image", dataDir.toString()))
                .redirectErrorStream(true)
                .start();
    }

    private static int awaitPort(Process server, List<String> log) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            log.add(line);
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                Thread reader = new Thread(() -> {
                    try {
                        String next;
                        while ((next = out.readLine()) != null) {
                            log.add(next);
                        }
                    } catch (IOException ignored) {
                        // The process ended.
                    }
                });
                reader.setDaemon(true);
                reader.start();
                return Integer.parseInt(m.group(1));
            }
        }
        throw new IllegalStateException("server exited before it listened:\n" + String.join("\n", log));
    }

    private static String upload(HttpClient client, String base, String name, Path photo) throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(base + "/v1/images/" + name))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(Files.readAllBytes(photo))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        Matcher md5 = Pattern.compile("\"md5\":\"([0-9a-f]{32})\"").matcher(response.body());
        assertThat(md5.find()).isTrue();
        return md5.group(1);
    }
}
