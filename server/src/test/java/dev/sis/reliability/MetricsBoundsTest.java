package dev.sis.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.config.SecurityConfig;
import dev.sis.config.SisConfig;
import dev.sis.reliability.GarbageTrafficTest.Answer;
import dev.sis.testing.Multipart;
import dev.sis.testing.TestImages;
import dev.sis.testing.TestServer;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /metrics} stays small whatever clients send: after mixed traffic (every route, many
 * statuses, real and made-up methods) it is under 60 KB, and thousands of requests with made-up
 * HTTP methods, pipelined on one connection, add no series: every method outside the known set
 * is the one label value {@code OTHER}, so no label takes a value the client chose.
 */
@Tag("server-only")
class MetricsBoundsTest {
    private static final int MAX_METRICS_BYTES = 60_000;
    private static final int MADE_UP_METHODS = Integer.getInteger("sis.test.metrics.methods", 5_000);
    private static final Set<String> KNOWN_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH",
            "TRACE", "CONNECT", "OTHER");
    private static final Pattern METHOD_LABEL = Pattern.compile("method=\"([^\"]*)\"");
    private static final String ADMIN = "admin-token-" + "y".repeat(16);

    @TempDir
    Path dataDir;

    @Test
    void metricsStayUnder60KBAfterTrafficOnEveryRouteWithManyStatusesAndMethods() throws Exception {
        try (TestServer server = TestServer.start(dataDir, MetricsBoundsTest::withTokens)) {
            List<String> md5s = ordinaryTraffic(server);
            GarbageTraffic garbage = new GarbageTraffic(11L, server.app().routes(), md5s, List.of("a.jpg", "b.png"));
            for (int i = 0; i < 1_000; i++) {
                GarbageTraffic.Request r = garbage.next();
                Answer answer = GarbageTrafficTest.validForJdkClient(r) ? GarbageTrafficTest.sendJdk(server, r)
                        : GarbageTrafficTest.sendWire(server.port(), garbage.wireRequest(r), new AtomicInteger());
                assertThat(answer.status()).as("an answer to %s %s", r.method(), r.pathAndQuery()).isPositive();
            }

            String metrics = scrape(server);

            System.out.printf("/metrics after mixed traffic: %,d bytes, %d series of http_server_requests_seconds%n",
                    metrics.length(), requestSeries(metrics));
            assertThat(metrics).contains("route=\"/v1/images/{md5}\"", "route=\"/up\"", "status=\"404\"");
            assertThat(methodLabels(metrics)).isSubsetOf(KNOWN_METHODS);
            assertThat(metrics.length()).as("bytes of /metrics").isLessThan(MAX_METRICS_BYTES);
        }
    }

    @Test
    void pipelinedRequestsWithMadeUpMethodsAddNoSeries() throws Exception {
        try (TestServer server = TestServer.start(dataDir)) {
            server.client().get("/healthz");
            sendPipelined(server.port(), List.of("PROPFIND /healthz"));
            String before = scrape(server);

            List<String> requests = new ArrayList<>();
            for (int i = 0; i < MADE_UP_METHODS; i++) {
                requests.add(madeUpMethod(i) + (i % 2 == 0 ? " /healthz" : " /v1/images/" + "0".repeat(32)));
            }
            List<Integer> statuses = sendPipelined(server.port(), requests);
            String after = scrape(server);

            System.out.printf("/metrics: %,d bytes before, %,d bytes after %,d requests with made-up methods; statuses %s%n",
                    before.length(), after.length(), MADE_UP_METHODS, new TreeSet<>(statuses));
            assertThat(statuses).hasSize(MADE_UP_METHODS);
            assertThat(methodLabels(after)).isSubsetOf(KNOWN_METHODS).contains("OTHER");
            assertThat(requestSeries(after)).as("series of http_server_requests_seconds")
                    .isLessThanOrEqualTo(requestSeries(before) + 2);
            assertThat(server.client().get("/metrics").statusCode()).isEqualTo(200);
        }
    }

    /** Uploads on every upload route, then reads, variants, revalidations, ranges, HEADs, a DELETE and the other pages. */
    private static List<String> ordinaryTraffic(TestServer server) {
        byte[] jpeg = TestImages.jpeg(60, 40, 1);
        byte[] png = TestImages.png(30, 30);
        String a = TestImages.md5Hex(jpeg);
        String b = TestImages.md5Hex(png);
        var client = server.client();
        client.post("/up", new Multipart().file("f", "a.jpg", jpeg));
        client.post("/v1/images", new Multipart().file("f", "b.png", png));
        client.put("/v1/images/c.gif", TestImages.gif(20, 10));
        client.post("/derect_up", new Multipart().file(TestImages.md5Hex(TestImages.gif(21, 10)), "d.gif", TestImages.gif(21, 10)),
                "Authorization", "Bearer internal-token-" + "x".repeat(16));
        for (String path : List.of("/simple_down?md5=" + a, "/full_down?md5=" + a + "&file_name=a.jpg",
                "/stretch_simple_down?md5=" + a + "&w=20&h=20", "/stretch_full_down?md5=" + b + "&file_name=b.png&w=10&h=10",
                "/v1/images/" + a, "/v1/images/" + a + "?w=30", "/v1/images/" + b + "/b.png?w=10&format=webp",
                "/v1/info/" + a, "/v1/images/" + "0".repeat(32), "/v1/images/zz?w=0", "/", "/legacy.html",
                "/openapi.json", "/healthz", "/readyz", "/metrics", "/no/such/route")) {
            client.get(path);
            client.head(path);
        }
        client.get("/v1/images/" + a, "If-None-Match", "\"" + a + "\"");
        client.get("/v1/images/" + a, "Range", "bytes=0-9");
        client.get("/v1/images/" + a, "Range", "bytes=100000-");
        client.method("OPTIONS", "/up", new byte[0], "Origin", "http://example.com");
        client.method("DELETE", "/v1/images/" + b, new byte[0]);
        client.method("DELETE", "/v1/images/" + b, new byte[0], "Authorization", "Bearer " + ADMIN);
        client.post("/up", new Multipart().file("f", "x.txt", "not an image".getBytes(StandardCharsets.UTF_8)));
        client.put("/v1/images/" + "n".repeat(60), png);
        return List.of(a, b);
    }

    private static SisConfig withTokens(SisConfig c) {
        return new SisConfig(c.server(), c.store(), c.cache(), c.upload(), c.image(),
                new SecurityConfig("internal-token-" + "x".repeat(16), null, ADMIN));
    }

    /** XAAAA, XAAAB, …: a method name no server knows, different for each {@code i}. */
    private static String madeUpMethod(int i) {
        StringBuilder name = new StringBuilder("X");
        for (int n = i, digits = 0; digits < 5; n /= 26, digits++) {
            name.append((char) ('A' + n % 26));
        }
        return name.toString();
    }

    /**
     * Sends every request line (with a Host header) on one connection without waiting, while a
     * second thread reads the answers; returns their statuses, in order.
     */
    private static List<Integer> sendPipelined(int port, List<String> requestLines) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(60_000);
            CompletableFuture<List<Integer>> answers = CompletableFuture.supplyAsync(() -> {
                try {
                    return readAnswers(new BufferedInputStream(socket.getInputStream()), requestLines.size());
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            OutputStream out = socket.getOutputStream();
            ByteArrayOutputStream batch = new ByteArrayOutputStream();
            for (String line : requestLines) {
                batch.writeBytes((line + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                if (batch.size() > 32 * 1024) {
                    out.write(batch.toByteArray());
                    batch.reset();
                }
            }
            out.write(batch.toByteArray());
            out.flush();
            return answers.get();
        }
    }

    private static List<Integer> readAnswers(InputStream in, int count) throws IOException {
        List<Integer> statuses = new ArrayList<>();
        while (statuses.size() < count) {
            String status = line(in);
            if (status == null) {
                break;
            }
            statuses.add(Integer.parseInt(status.substring(9, 12)));
            long length = 0;
            String header;
            while ((header = line(in)) != null && !header.isEmpty()) {
                if (header.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                    length = Long.parseLong(header.substring(15).trim());
                }
            }
            in.skipNBytes(length);
        }
        return statuses;
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return c < 0 && line.isEmpty() ? null : line.toString();
    }

    private static String scrape(TestServer server) {
        var answer = server.client().get("/metrics");
        assertThat(answer.statusCode()).isEqualTo(200);
        return new String(answer.body(), StandardCharsets.UTF_8);
    }

    private static Set<String> methodLabels(String metrics) {
        Set<String> methods = new TreeSet<>();
        Matcher m = METHOD_LABEL.matcher(metrics);
        while (m.find()) {
            methods.add(m.group(1));
        }
        return methods;
    }

    private static long requestSeries(String metrics) {
        return metrics.lines().filter(l -> l.startsWith("http_server_requests_seconds_count{")).count();
    }
}
