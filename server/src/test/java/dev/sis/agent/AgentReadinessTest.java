package dev.sis.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.config.ServerConfig;
import dev.sis.config.SisConfig;
import dev.sis.testing.TestClient;
import dev.sis.testing.TestImages;
import dev.sis.testing.TestServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Readiness that does not cascade: while its server restarts, an agent that has images cached
 * stays ready ({@code /readyz} 200, saying the upstream is down, as {@code sis_upstream_up}
 * then does), serves them, and still refuses uploads at once; {@code /readyz?upstream} is the
 * strict check of the server. An agent with nothing cached has nothing to serve: not ready.
 */
class AgentReadinessTest {
    @TempDir
    Path serverData;
    @TempDir
    Path spool;

    @Test
    void anAgentWithCachedImagesStaysReadyWhileItsServerIsDownAndSaysSo() throws IOException {
        int port = freePort();
        byte[] image = TestImages.jpeg(60, 40, 7);
        String md5 = TestImages.md5Hex(image);
        TestServer server = startServerOn(port);
        try (TestServer agent = TestServer.startAgent(spool, "http://127.0.0.1:" + port, UnaryOperator.identity())) {
            assertThat(agent.client().put("/v1/images/kept.jpg", image).statusCode()).isEqualTo(201);
            assertThat(readyz(agent, "")).contains("\"upstream\":\"up\"");
            assertThat(metric(agent)).contains("sis_upstream_up 1.0");
            server.close();

            HttpResponse<byte[]> ready = agent.client().get("/readyz");
            assertThat(ready.statusCode()).as(TestClient.text(ready)).isEqualTo(200);
            assertThat(TestClient.text(ready)).contains("\"status\":\"ready\"", "\"upstream\":\"down\"", "cached images only");
            assertThat(agent.client().get("/readyz?upstream").statusCode()).isEqualTo(503);
            assertThat(metric(agent)).contains("sis_upstream_up 0.0");
            assertThat(agent.client().get("/v1/images/" + md5).body()).isEqualTo(image);
            assertThat(agent.client().put("/v1/images/late.jpg", TestImages.jpeg(60, 40, 8)).statusCode()).isIn(502, 503);

            server = startServerOn(port);
            assertThat(readyz(agent, "?upstream")).contains("\"status\":\"ready\"", "\"upstream\":\"up\"")
                    .doesNotContain("cached images only");
            assertThat(metric(agent)).contains("sis_upstream_up 1.0");
        } finally {
            server.close();
        }
    }

    @Test
    void anAgentWithNothingCachedIsNotReadyWhileItsServerIsDown() throws IOException {
        int port = freePort();
        try (TestServer agent = TestServer.startAgent(spool, "http://127.0.0.1:" + port, UnaryOperator.identity())) {
            HttpResponse<byte[]> notReady = agent.client().get("/readyz");

            assertThat(notReady.statusCode()).isEqualTo(503);
            assertThat(TestClient.text(notReady)).contains("\"status\":\"unavailable\"", "\"upstream\":\"down\"");
        }
    }

    @Test
    void aServerHasNoUpstreamAndBothChecksAgree() {
        try (TestServer server = TestServer.startWith(TestServer.defaults(serverData))) {
            assertThat(readyz(server, "")).doesNotContain("upstream");
            assertThat(readyz(server, "?upstream")).contains("\"status\":\"ready\"");
            assertThat(metric(server)).doesNotContain("sis_upstream_up");
        }
    }

    /** The body of a 200 answer of /readyz with {@code query}. */
    private static String readyz(TestServer sis, String query) {
        HttpResponse<byte[]> response = sis.client().get("/readyz" + query);
        assertThat(response.statusCode()).as(TestClient.text(response)).isEqualTo(200);
        return TestClient.text(response);
    }

    private static String metric(TestServer sis) {
        return TestClient.text(sis.client().get("/metrics"));
    }

    private TestServer startServerOn(int port) {
        SisConfig c = TestServer.defaults(serverData);
        return TestServer.startWith(new SisConfig(
                new ServerConfig("127.0.0.1", port, Duration.ofSeconds(1)), c.store(), c.cache(), c.upload(), c.image()));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
