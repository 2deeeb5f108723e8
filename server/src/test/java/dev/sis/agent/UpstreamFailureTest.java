package dev.sis.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.config.ServerConfig;
import dev.sis.config.SisConfig;
import dev.sis.config.UpstreamConfig;
import dev.sis.config.UpstreamDialect;
import dev.sis.config.StoreConfig;
import dev.sis.testing.Multipart;
import dev.sis.testing.TestClient;
import dev.sis.testing.TestImages;
import dev.sis.testing.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent whose server fails: down, restarted, slow, or answering badly. The agent answers
 * 502/503/504 with a clear message, never acknowledges an upload that was not stored, keeps
 * serving what it has cached, and recovers by itself. All on loopback.
 */
class UpstreamFailureTest {
    @TempDir
    Path serverData;
    @TempDir
    Path spool;

    @Test
    void serverDownThenBackOnTheSamePort() throws IOException {
        int port = freePort();
        byte[] cached = TestImages.jpeg(50, 40, 1);
        byte[] late = TestImages.jpeg(50, 40, 2);
        String cachedMd5 = TestImages.md5Hex(cached);
        TestServer server = startServerOn(port);
        try (TestServer agent = TestServer.startAgent(spool, "http://127.0.0.1:" + port, UnaryOperator.identity())) {
            assertThat(agent.client().post("/up", new Multipart().file("f", "c.jpg", cached)).statusCode()).isEqualTo(200);
            server.close();

            // A pooled connection the server closed a moment ago may fail mid-request (502)
            // rather than refuse the connection (503): both are the contract's "fast failure".
            HttpResponse<byte[]> refused = agent.client().post("/v1/images", new Multipart().file("f", "late.jpg", late));
            HttpResponse<byte[]> legacyRefused = agent.client().post("/up", new Multipart().file("f", "late.jpg", late));
            assertThat(refused.statusCode()).isIn(502, 503);
            assertThat(TestClient.text(refused)).contains("\"status\":" + refused.statusCode(), "storage server");
            assertThat(legacyRefused.statusCode()).isEqualTo(503);
            assertThat(TestClient.text(legacyRefused)).isEqualTo("创建文件失败");
            assertThat(agent.client().post("/v1/images", new Multipart().file("f", "late.jpg", late)).statusCode())
                    .as("once the stale connection is gone, the server is unreachable").isEqualTo(503);
            assertThat(agent.client().get("/simple_down?md5=" + cachedMd5).body()).isEqualTo(cached);
            assertThat(agent.client().get("/readyz?upstream").statusCode()).isEqualTo(503);
            assertThat(TestClient.text(agent.client().get("/metrics"))).contains("sis_upstream_errors_total{kind=\"unreachable\"}");

            server = startServerOn(port);
            assertThat(agent.client().get("/readyz").statusCode()).isEqualTo(200);
            HttpResponse<byte[]> accepted = agent.client().post("/up", new Multipart().file("f", "late.jpg", late));
            assertThat(accepted.statusCode()).isEqualTo(200);
            assertThat(server.client().get("/simple_down?md5=" + TestImages.md5Hex(late)).body()).isEqualTo(late);
        } finally {
            server.close();
        }
    }

    @Test
    void aServerThatNeverAnswersGives504AndReadsAreRetriedButUploadsAreNot() throws Exception {
        try (SilentServer silent = new SilentServer();
             TestServer agent = TestServer.startAgent(spool, "http://127.0.0.1:" + silent.port(),
                     c -> withUpstream(c, Duration.ofMillis(500), 2))) {
            HttpResponse<byte[]> read = agent.client().get("/v1/images/" + "a".repeat(32) + "/x.jpg");
            assertThat(read.statusCode()).isEqualTo(504);
            assertThat(TestClient.text(read)).contains("\"status\":504", "did not answer in time");
            int connectionsForRead = silent.accepted();
            assertThat(connectionsForRead).isEqualTo(3);

            HttpResponse<byte[]> upload = agent.client().put("/v1/images/x.png", TestImages.png(8, 8));
            assertThat(upload.statusCode()).isEqualTo(504);
            assertThat(silent.accepted() - connectionsForRead).isEqualTo(1);
            assertThat(TestClient.text(agent.client().get("/metrics"))).contains("sis_upstream_errors_total{kind=\"timed_out\"} 4.0");
        }
    }

    @Test
    void aServerAnsweringGarbageGives502() throws Exception {
        try (SilentServer broken = new SilentServer("HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\n\r\n");
             TestServer agent = TestServer.startAgent(spool, "http://127.0.0.1:" + broken.port(),
                     c -> withUpstream(c, Duration.ofSeconds(2), 0))) {
            HttpResponse<byte[]> upload = agent.client().put("/v1/images/x.png", TestImages.png(8, 8));

            assertThat(upload.statusCode()).isEqualTo(502);
            assertThat(TestClient.text(upload)).contains("\"status\":502", "answered 500");
        }
    }

    private TestServer startServerOn(int port) {
        return TestServer.start(serverData, c -> new SisConfig(
                new ServerConfig("127.0.0.1", port, Duration.ofSeconds(1)), c.store(), c.cache(), c.upload(), c.image()));
    }

    /**
     * These fakes are no sis server, and count every connection as the test's own: the dialect
     * is set to sis, so that the agent does not first ask them what they speak (DialectProbeTest).
     */
    private static SisConfig withUpstream(SisConfig c, Duration timeout, int retries) {
        UpstreamConfig u = ((StoreConfig.Agent) c.store()).upstream();
        UpstreamConfig changed = new UpstreamConfig(u.baseUrl(), u.limits().with(timeout, retries), u.checkTimeout(),
                UpstreamDialect.SIS);
        return new SisConfig(c.server(), new StoreConfig.Agent(changed),
                c.cache(), c.upload(), c.image(), c.security());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /**
     * A TCP peer on loopback that accepts connections and either never answers or answers
     * with a fixed text; it counts the connections it accepted.
     */
    private static final class SilentServer implements AutoCloseable {
        private final ServerSocket socket = new ServerSocket(0);
        private final AtomicInteger accepted = new AtomicInteger();
        private final List<Socket> open = new ArrayList<>();
        private final Thread acceptor;

        SilentServer() throws IOException {
            this(null);
        }

        SilentServer(String answer) throws IOException {
            acceptor = Thread.ofVirtual().start(() -> {
                while (!socket.isClosed()) {
                    try {
                        Socket s = socket.accept();
                        accepted.incrementAndGet();
                        synchronized (open) {
                            open.add(s);
                        }
                        if (answer != null) {
                            Thread.ofVirtual().start(() -> answer(s, answer));
                        }
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
        }

        private static void answer(Socket s, String answer) {
            try {
                InputStream in = s.getInputStream();
                byte[] buffer = new byte[8192];
                in.read(buffer);
                OutputStream out = s.getOutputStream();
                out.write(answer.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } catch (IOException ignored) {
                // The agent went away.
            }
        }

        int port() {
            return socket.getLocalPort();
        }

        int accepted() {
            return accepted.get();
        }

        @Override
        public void close() throws Exception {
            socket.close();
            synchronized (open) {
                for (Socket s : open) {
                    s.close();
                }
            }
            acceptor.join();
        }
    }
}
