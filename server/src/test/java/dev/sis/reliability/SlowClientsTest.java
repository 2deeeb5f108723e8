package dev.sis.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.config.SisConfig;
import dev.sis.testing.ServerProcess;
import dev.sis.testing.Slow;
import dev.sis.testing.TestImages;
import dev.sis.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients that send slowly hold nothing for long: a request body dripped a byte at a time is cut
 * (408) once it falls behind its pace, headers dripped a line at a time are cut at the header
 * deadline, an idle kept-alive connection is closed at the same deadline, and connections that
 * drip headers cannot use up the descriptors: a real sis process with 1,024 file descriptors
 * answers {@code /healthz} while 1,200 such connections are kept open (reopened when closed).
 * Each drip is bounded in time: where sis would wait for ever, the test gives up and fails.
 */
@Slow
@Tag("server-only")
class SlowClientsTest {
    /** How long a drip goes on before the test gives up on the server cutting it. */
    private static final Duration DRIP_LIMIT = Duration.ofSeconds(15);
    /** Connections that drip headers at a process allowed 1,024 descriptors. */
    private static final int ATTACKERS = Integer.getInteger("sis.test.slow.connections", 1_200);

    @TempDir
    Path dataDir;

    @Test
    void aBodyDrippedAByteAtATimeIsCutWith408AndLeavesNothingInStaging() throws Exception {
        try (TestServer server = TestServer.start(dataDir, pace(Duration.ofSeconds(1), 1024))) {
            byte[] jpeg = TestImages.jpeg(40, 30);
            for (String route : List.of("/v1/images/drip.jpg", "/up")) {
                String head = route.equals("/up")
                        ? "POST /up HTTP/1.1\r\nContent-Type: multipart/form-data; boundary=b0undary\r\n"
                        : "PUT " + route + " HTTP/1.1\r\n";
                byte[] start = route.equals("/up")
                        ? "--b0undary\r\nContent-Disposition: form-data; name=\"f\"; filename=\"drip.jpg\"\r\n\r\n"
                                .getBytes(StandardCharsets.US_ASCII)
                        : new byte[0];

                Drip drip = dripBody(server.port(), head + "Host: 127.0.0.1\r\nContent-Length: 100000\r\n\r\n",
                        concat(start, jpeg));

                assertThat(drip.answer()).as("%s: %s", route, drip).startsWith("HTTP/1.1 408 ");
                assertThat(drip.closedByServer()).as("%s: the connection is closed after the answer", route).isTrue();
            }
            assertThat(stagingFiles()).isEmpty();
        }
    }

    @Test
    void headersDrippedALineAtATimeAreCutAtTheHeaderDeadline() throws Exception {
        try (TestServer server = TestServer.start(dataDir, headerTimeout(Duration.ofSeconds(1)));
             Socket socket = new Socket("127.0.0.1", server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
            boolean cut = false;
            long deadline = System.nanoTime() + DRIP_LIMIT.toNanos();
            for (int i = 0; !cut && System.nanoTime() < deadline; i++) {
                Thread.sleep(200);
                try {
                    out.write(("X-Drip-" + i + ": " + i + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                } catch (IOException closed) {
                    cut = true;
                }
                cut |= closedQuietly(socket);
            }
            String answer = cut ? "" : finishAndRead(socket);

            assertThat(cut).as("the server closed the connection before its headers ended (%s)", answer).isTrue();
        }
    }

    @Test
    void anIdleKeptAliveConnectionIsClosedAtTheHeaderDeadline() throws Exception {
        try (TestServer server = TestServer.start(dataDir, headerTimeout(Duration.ofSeconds(1)));
             Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.getOutputStream().write("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            String answer = readAnswer(in);
            socket.setSoTimeout((int) DRIP_LIMIT.toMillis());

            int next;
            try {
                next = in.read();
            } catch (SocketTimeoutException stillOpen) {
                next = -2;
            }

            assertThat(answer).startsWith("HTTP/1.1 200 ");
            assertThat(next).as("-1: closed by the server; -2: still open after %s", DRIP_LIMIT).isEqualTo(-1);
        }
    }

    @Test
    void connectionsDrippingHeadersExhaustNoDescriptorsAndHealthzAnswers() throws Exception {
        try (ServerProcess sis = ServerProcess.startWithFileLimit(1_024, List.of("-Xmx256m"),
                ServerProcess.loopbackStore(dataDir))) {
            // The first request of a process just started takes seconds on a loaded machine (class
            // loading, JIT): made before the attack, so that the attack's figures are the attack's.
            assertThat(healthz(sis.port())).isEqualTo(200);
            List<Long> millis = new ArrayList<>();
            List<Integer> statuses = new ArrayList<>();
            int opened;
            int refused;
            try (SlowHeaderAttack attack = SlowHeaderAttack.start(sis.port(), ATTACKERS)) {
                // Longer than the header timeout (10 s): the attack's first connections reach their deadline.
                long end = System.nanoTime() + Duration.ofSeconds(15).toNanos();
                while (System.nanoTime() < end) {
                    long started = System.nanoTime();
                    statuses.add(healthz(sis.port()));
                    millis.add((System.nanoTime() - started) / 1_000_000);
                    Thread.sleep(500);
                }
                opened = attack.opened();
                refused = attack.refused();
            }

            System.out.printf("%,d connections dripping headers at a process with 1,024 descriptors: %,d opened "
                    + "(reopened after the server closed them), %,d not accepted within 1 s; /healthz %d times, "
                    + "worst %,d ms, median %,d ms%n", ATTACKERS, opened, refused, statuses.size(),
                    millis.stream().mapToLong(m -> m).max().orElse(-1), millis.stream().sorted().toList().get(millis.size() / 2));
            assertThat(statuses).as("/healthz under the attack (-1: no answer within 10 s)").containsOnly(200);
            assertThat(sis.lines()).noneMatch(l -> l.contains("Too many open files"));
        }
    }

    /** {@code /healthz} on a new connection: its status, or -1 when it is not answered within 10 s. */
    private static int healthz(int port) throws InterruptedException {
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()) {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException noAnswer) {
            return -1;
        }
    }

    private static UnaryOperator<SisConfig> pace(Duration timeout, long bytesPerSecond) {
        return c -> withServer(c, c.server().withConnections(c.server().connections().withBodyPace(timeout, bytesPerSecond)));
    }

    private static UnaryOperator<SisConfig> headerTimeout(Duration timeout) {
        return c -> withServer(c, c.server().withConnections(c.server().connections().withHeaderTimeout(timeout)));
    }

    private static SisConfig withServer(SisConfig c, dev.sis.config.ServerConfig server) {
        return new SisConfig(server, c.store(), c.cache(), c.upload(), c.image(), c.security(), c.logFormat(),
                c.imageEngine());
    }

    /** What came back while a body was dripped: the answer (empty if none) and whether the server closed. */
    private record Drip(String answer, boolean closedByServer, int bytesSent) {
    }

    /**
     * Sends {@code head}, then {@code body} one byte every 50 ms until the server answers or
     * closes, or {@link #DRIP_LIMIT} is over.
     */
    private static Drip dripBody(int port, String head, byte[] body) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            long deadline = System.nanoTime() + DRIP_LIMIT.toNanos();
            int sent = 0;
            while (System.nanoTime() < deadline && in.available() == 0) {
                try {
                    out.write(sent < body.length ? body[sent] : 'x');
                    out.flush();
                    sent++;
                } catch (IOException closed) {
                    break;
                }
                Thread.sleep(50);
            }
            socket.setSoTimeout(5_000);
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            boolean closed;
            try {
                in.transferTo(answer);
                closed = true;
            } catch (SocketTimeoutException stillOpen) {
                closed = false;
            } catch (IOException reset) {
                closed = true;
            }
            return new Drip(answer.toString(StandardCharsets.ISO_8859_1), closed, sent);
        }
    }

    /** Whether the server has closed {@code socket}: a read returns end-of-stream at once. */
    private static boolean closedQuietly(Socket socket) throws IOException {
        if (socket.getInputStream().available() > 0) {
            return false;
        }
        socket.setSoTimeout(1);
        try {
            return socket.getInputStream().read() < 0;
        } catch (SocketTimeoutException open) {
            return false;
        } catch (IOException reset) {
            return true;
        } finally {
            socket.setSoTimeout(0);
        }
    }

    /** Ends the header section and reads what the server answers (within 5 s). */
    private static String finishAndRead(Socket socket) throws IOException {
        socket.getOutputStream().write("\r\n".getBytes(StandardCharsets.US_ASCII));
        socket.setSoTimeout(5_000);
        return readAnswer(socket.getInputStream());
    }

    /** The status line and headers of one answer. */
    private static String readAnswer(InputStream in) throws IOException {
        StringBuilder text = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            text.append((char) c);
            if (text.toString().endsWith("\r\n\r\n")) {
                break;
            }
        }
        String headers = text.toString();
        java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length: (\\d+)").matcher(headers);
        if (length.find()) {
            in.readNBytes(Integer.parseInt(length.group(1)));
        }
        return headers;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private List<Path> stagingFiles() throws IOException {
        try (Stream<Path> files = Files.list(dataDir.resolve(".staging"))) {
            return files.toList();
        }
    }
}
