package dev.sis.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.config.SecurityConfig;
import dev.sis.config.SisConfig;
import dev.sis.reliability.GarbageTraffic.Request;
import dev.sis.testing.Multipart;
import dev.sis.testing.TestImages;
import dev.sis.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Garbage traffic: 2,000 seeded random requests against every route (see
 * {@link GarbageTraffic}), half through the JDK client and half written byte by byte on raw
 * sockets, some with broken HTTP syntax. Every request gets an answer — never a dropped
 * connection — and never a 5xx but the decode gate's 503 (with {@code Retry-After}); an
 * unparseable request gets Jetty's own 400 (431 for a header section over Jetty's limit, 505
 * for an unknown HTTP version). Afterwards the server is healthy, its staging area is empty,
 * and the earlier images are served unchanged.
 */
@Tag("server-only")
class GarbageTrafficTest {
    private static final long SEED = Long.getLong("sis.test.garbage.seed", 9L);
    private static final int REQUESTS = Integer.getInteger("sis.test.garbage.requests", 2_000);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dataDir;

    @Test
    void randomRequestsToAServerAreAllAnsweredWithoutA5xxAndItStaysHealthy() throws Exception {
        try (TestServer server = TestServer.start(dataDir.resolve("server"), GarbageTrafficTest::withTokens)) {
            run("server", server, dataDir.resolve("server"), REQUESTS, SEED);
        }
    }

    @Test
    void randomRequestsToAnAgentAreAllAnsweredWithoutA5xxAndItStaysHealthy() throws Exception {
        try (TestServer server = TestServer.start(dataDir.resolve("server"), GarbageTrafficTest::withTokens);
             TestServer agent = TestServer.startAgent(dataDir.resolve("spool"), server.url(""), GarbageTrafficTest::withTokens)) {
            run("agent", agent, dataDir.resolve("server"), REQUESTS / 4, SEED + 1);
        }
    }

    /** Found by this test: a legacy download whose urlencoded form body ends early was a 500. */
    @Test
    void aFormBodyCutShortIsTheClientsFaultNotA500() throws Exception {
        try (TestServer server = TestServer.start(dataDir.resolve("server"))) {
            byte[] request = ("POST /simple_down HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nmd5=abc")
                    .getBytes(StandardCharsets.US_ASCII);

            Answer answer = sendRaw(server.port(), request);

            assertThat(answer.status()).as(answer.detail()).isEqualTo(404);
        }
    }

    /** Found by this test: a multipart upload whose body ended before its first part's headers was a 500. */
    @Test
    void aMultipartBodyCutShortIsABadRequestNotA500() throws Exception {
        try (TestServer server = TestServer.start(dataDir.resolve("server"))) {
            for (String path : List.of("/v1/images", "/up")) {
                byte[] request = ("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                        + "Content-Type: multipart/form-data; boundary=b0undary\r\nContent-Length: 1000\r\n\r\n"
                        + "--b0undary\r\nContent-Dispo").getBytes(StandardCharsets.US_ASCII);

                Answer answer = sendRaw(server.port(), request);

                assertThat(answer.status()).as(answer.detail()).isEqualTo(400);
            }
        }
    }

    /**
     * The internal and admin tokens are set, as in production, so that garbage cannot delete
     * the images the test checks afterwards (without them DELETE on the internal routes is open).
     */
    private static SisConfig withTokens(SisConfig c) {
        return new SisConfig(c.server(), c.store(), c.cache(), c.upload(), c.image(),
                new SecurityConfig("internal-token-" + "x".repeat(16), null, "admin-token-" + "y".repeat(16)));
    }

    private static void run(String topology, TestServer target, Path storeDir, int requests, long seed) throws Exception {
        List<byte[]> earlier = List.of(TestImages.jpeg(60, 40, 1), TestImages.png(30, 30), TestImages.gif(20, 10));
        List<String> md5s = new ArrayList<>();
        List<String> names = List.of("a.jpg", "名字 b.png", "c.gif");
        for (int i = 0; i < earlier.size(); i++) {
            assertThat(target.client().post("/up", new Multipart().file("f", names.get(i), earlier.get(i))).statusCode())
                    .isEqualTo(200);
            md5s.add(TestImages.md5Hex(earlier.get(i)));
        }
        GarbageTraffic traffic = new GarbageTraffic(seed, target.app().routes(), md5s, names);
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        int raw = 0;
        String previous = "nothing";
        String previousJdkAnswer = "none";
        List<String> reusedClosed = new ArrayList<>();
        AtomicInteger refusedResent = new AtomicInteger();
        for (int i = 0; i < requests; i++) {
            Request r = traffic.next();
            boolean overRawSocket = i % 2 == 1 || !validForJdkClient(r);
            Answer answer = overRawSocket ? sendWire(target.port(), traffic.wireRequest(r), refusedResent) : sendJdk(target, r);
            if (!overRawSocket && answer.status() < 0) {
                // Jetty closes a connection after some of its own error answers (a 400 for an
                // ambiguous URI, say) without saying Connection: close, and the JDK client may
                // then send the next request on the closed kept-alive connection. HTTP lets a
                // server close an idle connection at any time; such a request never reached
                // sis. It is resent once, on a new connection, and must be answered then.
                reusedClosed.add(previousJdkAnswer);
                answer = sendJdk(target, r);
            }
            if (!overRawSocket) {
                previousJdkAnswer = answer.status() + (answer.headers().contains("text/html") ? " (Jetty's page)" : "");
            }
            raw += overRawSocket ? 1 : 0;
            String current = (overRawSocket ? "raw " : "jdk ") + r.method() + " " + shorten(r.pathAndQuery()) + " -> "
                    + answer.status();
            if (answer.status() < 0) {
                failures.add("no answer to " + r.method() + " " + shorten(r.pathAndQuery()) + " " + r.headers() + " body "
                        + r.body().length + ": " + answer.detail() + " (request " + i + ", after " + previous + ")");
                continue;
            }
            statuses.merge(answer.status(), 1, Integer::sum);
            if (!overRawSocket) {
                previous = current + " " + r.headers() + " body " + r.body().length + " answer headers " + answer.headers();
            }
            boolean gate = answer.status() == 503 && answer.retryAfter();
            boolean jettyVersion = answer.status() == 505 && overRawSocket;
            if (answer.status() >= 500 && !gate && !jettyVersion) {
                failures.add(answer.status() + " for " + r.method() + " " + shorten(r.pathAndQuery()) + " " + r.headers()
                        + ": " + shorten(answer.detail()));
            }
        }
        System.out.printf("garbage traffic (%s): %d requests (%d over raw sockets, %d through the JDK client), statuses %s,"
                + " %d resent on a new connection after the kept-alive one was found closed (after answers %s),"
                + " %d malformed resent after their answer was lost (no byte, or zeros)%n",
                topology, requests, raw, requests - raw, statuses, reusedClosed.size(), reusedClosed, refusedResent.get());
        assertThat(failures).as("dropped connections and 5xx answers").isEmpty();

        assertThat(target.client().get("/healthz").statusCode()).isEqualTo(200);
        assertThat(target.client().get("/readyz").statusCode()).isEqualTo(200);
        for (int i = 0; i < earlier.size(); i++) {
            assertThat(target.client().get("/simple_down?md5=" + md5s.get(i)).body()).isEqualTo(earlier.get(i));
        }
        try (Stream<Path> staging = Files.list(storeDir.resolve(".staging"))) {
            assertThat(staging).as("staging files left by refused requests").isEmpty();
        }
    }

    /** An answer's status (-1 when the connection ended without one) and what came with it. */
    record Answer(int status, boolean retryAfter, String detail, String headers) {
        Answer(int status, boolean retryAfter, String detail) {
            this(status, retryAfter, detail, "");
        }

        /** No answer, and nothing else either: no byte, or only zero bytes (see {@link #sendWire}). */
        boolean lostWithNothingLeaked() {
            return status < 0 && (detail.startsWith(CLOSED_WITHOUT_A_BYTE) || detail.startsWith(ONLY_ZERO_BYTES));
        }
    }

    private static final String CLOSED_WITHOUT_A_BYTE = "raw: the server closed the connection without a byte";
    private static final String ONLY_ZERO_BYTES = "raw: only zero bytes, no status line";

    /**
     * Sends {@code wire} on a raw socket. Jetty's HTTP parser refuses a request whose head is
     * malformed before sis sees it, and writes its error page from another thread; when the
     * client's FIN came in with the request, Jetty 12.1.13 now and then loses that page: it
     * closes the connection without a byte (4 runs of this test in 77 here, each with ~1,500 raw
     * requests; in 40 runs whose client did not half-close, never), or sends a pooled buffer's
     * unwritten part instead, which sis's buffers ({@code ZeroedBuffers}) make zeros (it was
     * another request's bytes before them). HTTP lets a server close a connection, and such a
     * request never reached sis: it alone, and only when nothing but silence or zeros came back,
     * is sent once more on a new connection, where it must be answered. Any other byte that is
     * not an HTTP answer fails the test: it would be a leak.
     *
     * @param resent where the requests sent twice are counted
     */
    static Answer sendWire(int port, GarbageTraffic.Wire wire, AtomicInteger resent) {
        Answer answer = sendRaw(port, wire.bytes());
        if (wire.refusedByParser() && answer.lostWithNothingLeaked()) {
            resent.incrementAndGet();
            return sendRaw(port, wire.bytes());
        }
        return answer;
    }

    /** The JDK client refuses some methods and URIs outright: those go over a raw socket. */
    static boolean validForJdkClient(Request r) {
        try {
            URI.create("http://127.0.0.1" + r.pathAndQuery());
        } catch (IllegalArgumentException notAUri) {
            return false;
        }
        return !r.method().isEmpty() && r.method().chars().allMatch(c -> c > ' ' && c < 127)
                && !r.method().equalsIgnoreCase("CONNECT");
    }

    static Answer sendJdk(TestServer server, Request r) throws InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(server.url(r.pathAndQuery())))
                .timeout(Duration.ofSeconds(30))
                .method(r.method(), HttpRequest.BodyPublishers.ofByteArray(r.body()));
        r.headers().forEach(builder::header);
        try {
            HttpResponse<byte[]> response;
            try {
                response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException stale) {
                if (!String.valueOf(stale.getMessage()).contains("received no bytes")) {
                    throw stale;
                }
                // The client reused a keep-alive connection that the server had closed after its
                // previous, complete answer (Jetty closes after a 400 for a bad URI): not a request
                // the server dropped. The same request on a fresh connection must be answered.
                response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            }
            return new Answer(response.statusCode(), response.headers().firstValue("Retry-After").isPresent(),
                    new String(response.body(), StandardCharsets.UTF_8), response.headers().map().toString());
        } catch (IOException e) {
            return new Answer(-1, false, "JDK client: " + e);
        } catch (IllegalArgumentException unsendable) {
            return new Answer(400, false, "not sendable by the JDK client: " + unsendable.getMessage());
        }
    }

    /**
     * Writes the request, half-closes, and reads until the server closes. A server may answer and
     * close before it has read everything (e.g. a header section over its limit), so a failed
     * write is not yet a failure: what counts is whether a status line comes back.
     */
    static Answer sendRaw(int port, byte[] request) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            try {
                socket.getOutputStream().write(request);
                socket.getOutputStream().flush();
                socket.shutdownOutput();
            } catch (IOException closedEarly) {
                // Read what the server said before it closed.
            }
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            try {
                in.transferTo(answer);
            } catch (IOException reset) {
                if (answer.size() == 0) {
                    return new Answer(-1, false, reset instanceof SocketTimeoutException ? "raw: " + reset
                            : CLOSED_WITHOUT_A_BYTE + " (" + reset + ")");
                }
            }
            String text = answer.toString(StandardCharsets.ISO_8859_1);
            if (text.isEmpty()) {
                return new Answer(-1, false, CLOSED_WITHOUT_A_BYTE);
            }
            if (text.chars().allMatch(c -> c == 0)) {
                return new Answer(-1, false, ONLY_ZERO_BYTES + " (" + text.length() + ")");
            }
            if (!text.startsWith("HTTP/1.")) {
                return new Answer(-1, false, "raw: no status line, got " + text.length() + " bytes: "
                        + shorten(text.replace("\r\n", "|")));
            }
            int status = Integer.parseInt(text.substring(9, 12));
            return new Answer(status, text.toLowerCase().contains("\r\nretry-after:"), text);
        } catch (IOException e) {
            return new Answer(-1, false, "raw: " + e);
        }
    }

    private static String shorten(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
}
