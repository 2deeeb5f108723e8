package dev.sis.agent;

import static dev.sis.testing.TestClient.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.config.CacheConfig;
import dev.sis.config.SisConfig;
import dev.sis.config.StoreConfig;
import dev.sis.config.UpstreamConfig;
import dev.sis.testing.Multipart;
import dev.sis.testing.Slow;
import dev.sis.testing.SpoolFiles;
import dev.sis.testing.TestImages;
import dev.sis.testing.TestServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent whose connection to its server misbehaves, through a {@link FaultyProxy}: slow
 * answers (served when within the timeout, 504 beyond it), a hang, connection resets as the
 * request arrives and part-way through an answer, and an answer that stalls part-way. The agent
 * answers every client in bounded time with 502/503/504 or, when its answer had already begun,
 * by closing the connection short of its Content-Length — never with a 200 or 201 it cannot
 * stand behind — and works again as soon as the connection does. The agent's cache is off so
 * that every read goes to the server.
 *
 * <p>The agent's answer timeout, {@link #ANSWER_TIMEOUT}, is long enough for what must succeed
 * (the uploads and reads before a fault and after it) on a loaded machine, where 1 s was not; the
 * faults are measured against it (a delay of 3× it, a hang, a stall that never ends).
 */
@Tag("server-only")
@Slow
class UpstreamFaultTest {
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(5);
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path serverData;
    @TempDir
    Path spool;
    private TestServer server;
    private FaultyProxy proxy;
    private TestServer agent;

    private void start(int retries) throws IOException {
        server = TestServer.start(serverData);
        proxy = new FaultyProxy(server.port());
        agent = TestServer.startAgent(spool, proxy.url(), c -> agentConfig(c, retries));
    }

    @AfterEach
    void stop() throws IOException {
        if (agent != null) {
            agent.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aSlowServerWithinTheTimeoutIsServed() throws Exception {
        start(0);
        byte[] image = big(1);
        proxy.delay(150); // before each chunk of at most 4 KiB: 7.5 s or more in all, beyond the timeout, which is per read

        assertThat(agent.client().put("/v1/images/slow.jpg", image).statusCode()).isEqualTo(201);
        HttpResponse<byte[]> read = agent.client().get("/v1/images/" + TestImages.md5Hex(image));
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body()).isEqualTo(image);
    }

    @Test
    void aServerSlowerThanTheTimeoutIs504AndTheAgentRecovers() throws Exception {
        start(0);
        byte[] image = TestImages.jpeg(30, 20, 2);
        proxy.delay(3 * ANSWER_TIMEOUT.toMillis());

        HttpResponse<byte[]> put = agent.client().put("/v1/images/late.jpg", image);
        assertThat(put.statusCode()).isEqualTo(504);
        assertThat(text(put)).contains("\"status\":504");
        HttpResponse<byte[]> up = agent.client().post("/up", new Multipart().file("f", "late.jpg", image));
        assertThat(up.statusCode()).isEqualTo(504);
        assertThat(text(up)).isEqualTo("创建文件失败");
        assertThat(agent.client().get("/v1/images/" + TestImages.md5Hex(image)).statusCode()).isEqualTo(504);
        assertSpoolEmpty();

        proxy.fault(FaultyProxy.Fault.NONE);
        assertThat(agent.client().put("/v1/images/late.jpg", image).statusCode()).isEqualTo(201);
        assertThat(agent.client().get("/v1/images/" + TestImages.md5Hex(image)).body()).isEqualTo(image);
    }

    @Test
    void aHangingServerIs504WithReadsRetriedAndUploadsNot() throws Exception {
        start(1);
        byte[] image = TestImages.jpeg(30, 20, 3);
        proxy.fault(FaultyProxy.Fault.HANG);

        long before = proxy.connections();
        assertThat(agent.client().put("/v1/images/h.jpg", image).statusCode()).isEqualTo(504);
        assertThat(agent.client().get("/v1/images/" + TestImages.md5Hex(image)).statusCode()).isEqualTo(504);
        assertThat(agent.client().get("/readyz?upstream").statusCode()).isEqualTo(503);
        assertThat(proxy.connections() - before).as("each timed-out request dropped its connection").isPositive();
        assertSpoolEmpty();

        proxy.fault(FaultyProxy.Fault.NONE);
        assertThat(agent.client().put("/v1/images/h.jpg", image).statusCode()).isEqualTo(201);
        assertThat(agent.client().get("/readyz").statusCode()).isEqualTo(200);
    }

    @Test
    void connectionsResetAsRequestsArriveAre502AndNeverAcknowledged() throws Exception {
        start(2);
        byte[] image = TestImages.jpeg(30, 20, 4);
        proxy.fault(FaultyProxy.Fault.RESET);

        HttpResponse<byte[]> put = agent.client().put("/v1/images/r.jpg", image);
        assertThat(put.statusCode()).isIn(502, 503);
        HttpResponse<byte[]> up = agent.client().post("/up", new Multipart().file("f", "r.jpg", image));
        assertThat(up.statusCode()).isIn(502, 503);
        assertThat(text(up)).isEqualTo("创建文件失败");
        assertThat(agent.client().get("/v1/images/" + TestImages.md5Hex(image)).statusCode()).isIn(502, 503);
        assertThat(server.client().get("/v1/images/" + TestImages.md5Hex(image)).statusCode())
                .as("reset before the server had the whole upload: not stored").isEqualTo(404);
        assertThat(text(agent.client().get("/metrics"))).contains("sis_upstream_errors_total{kind=\"bad_answer\"}");
        assertSpoolEmpty();

        proxy.fault(FaultyProxy.Fault.NONE);
        assertThat(agent.client().put("/v1/images/r.jpg", image).statusCode()).isEqualTo(201);
    }

    @Test
    void aConnectionResetPartWayThroughAnAnswerNeverGivesAWholeLookingAnswer() throws Exception {
        start(0);
        byte[] image = big(5);
        assertThat(agent.client().put("/v1/images/big.jpg", image).statusCode()).isEqualTo(201);
        proxy.fault(FaultyProxy.Fault.RESET_MID_ANSWER);

        assertShortOr5xx(agent.url("/v1/images/" + TestImages.md5Hex(image)), image);
        assertShortOr5xx(agent.url("/simple_down?md5=" + TestImages.md5Hex(image)), image);

        proxy.fault(FaultyProxy.Fault.NONE);
        assertThat(agent.client().get("/v1/images/" + TestImages.md5Hex(image)).body()).isEqualTo(image);
    }

    @Test
    void anAnswerStallingPartWayEndsInBoundedTime() throws Exception {
        start(0);
        byte[] image = big(6);
        assertThat(agent.client().put("/v1/images/big.jpg", image).statusCode()).isEqualTo(201);
        proxy.fault(FaultyProxy.Fault.STALL_MID_ANSWER);

        assertShortOr5xx(agent.url("/v1/images/" + TestImages.md5Hex(image)), image);
        assertThat(text(agent.client().get("/metrics")))
                .as("the agent's read timeout ended the stalled read, not the client or an idle timeout")
                .contains("sis_upstream_errors_total{kind=\"timed_out\"} 1.0");

        proxy.fault(FaultyProxy.Fault.NONE);
        assertThat(agent.client().get("/v1/images/" + TestImages.md5Hex(image)).body()).isEqualTo(image);
    }

    /**
     * The client gets a 5xx, or its answer ends short of its Content-Length (the JDK client
     * then throws): never a complete-looking answer with the wrong bytes, and never a hang
     * (the client gives up after 30 s, 25 s beyond the agent's upstream timeout).
     */
    private static void assertShortOr5xx(String url, byte[] expected) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build();
        try {
            HttpResponse<byte[]> answer = CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
            assertThat(answer.statusCode()).as("answered in time with a failure").isBetween(500, 599);
        } catch (java.net.http.HttpTimeoutException hang) {
            throw new AssertionError("the agent did not answer within 30 s", hang);
        } catch (IOException cutShort) {
            assertThat(cutShort).as("the answer was cut short, so the client knows").isNotNull();
        }
    }

    private void assertSpoolEmpty() throws IOException {
        assertThat(SpoolFiles.staged(spool)).as("spooled uploads left behind").isEmpty();
    }

    /** A JPEG padded to 200 KiB, so that answers span many chunks. */
    private static byte[] big(long seed) {
        byte[] jpeg = TestImages.jpeg(40, 30, seed);
        byte[] bytes = java.util.Arrays.copyOf(jpeg, 200 * 1024);
        byte[] noise = new byte[bytes.length - jpeg.length];
        new Random(seed).nextBytes(noise);
        System.arraycopy(noise, 0, bytes, jpeg.length, noise.length);
        return bytes;
    }

    private static SisConfig agentConfig(SisConfig c, int retries) {
        UpstreamConfig u = ((StoreConfig.Agent) c.store()).upstream();
        UpstreamConfig changed = new UpstreamConfig(u.baseUrl(), u.limits().with(ANSWER_TIMEOUT, retries));
        return new SisConfig(c.server(), new StoreConfig.Agent(changed),
                new CacheConfig(0, CacheConfig.CachePolicy.TINYLFU), c.upload(), c.image(), c.security());
    }
}
