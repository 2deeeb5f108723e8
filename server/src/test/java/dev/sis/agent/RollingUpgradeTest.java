package dev.sis.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.config.ServerConfig;
import dev.sis.config.SisConfig;
import dev.sis.config.StoreConfig;
import dev.sis.config.UpstreamConfig;
import dev.sis.config.UpstreamDialect;
import dev.sis.testing.Eventually;
import dev.sis.testing.Multipart;
import dev.sis.testing.TestImages;
import dev.sis.testing.TestServer;
import dev.sis.testing.sis2.LegacyClientFlows;
import dev.sis.testing.sis2.Sis2StandIn;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server behind a running agent is replaced, as docs/scaling.md's rolling upgrade does it:
 * sis 2.0 by sis on the same address, then back (a rollback). The agent is not restarted: a
 * failed call makes it ask the server again, and it switches dialect by itself.
 */
class RollingUpgradeTest {
    /** Past the agent's re-ask interval (5 s), with room for a loaded machine. */
    private static final Duration SWITCH_WITHIN = Duration.ofSeconds(30);
    @TempDir
    Path sis2Data;
    @TempDir
    Path sisData;
    @TempDir
    Path spool;

    @Test
    void theAgentFollowsItsServerFromSis2ToSisAndBack() throws Exception {
        int port = freePort();
        Sis2StandIn sis2 = Sis2StandIn.server(sis2Data, port);
        try (TestServer agent = TestServer.startAgent(spool, "http://127.0.0.1:" + port, c -> c)) {
            LegacyClientFlows client = new LegacyClientFlows(agent.url(""));
            byte[] before = TestImages.png(20, 20);
            assertThat(client.post("/up", new Multipart().file("f", "before.png", before)).statusCode()).isEqualTo(200);
            assertThat(client.get("/v1/info/" + TestImages.md5Hex(before)).statusCode()).isEqualTo(501);

            sis2.close();
            assertThat(client.get("/simple_down?md5=" + "1".repeat(32)).statusCode())
                    .as("the server is away: a failure, after which the agent asks again").isIn(502, 503);
            try (TestServer sis = startSisOn(port)) {
                byte[] after = TestImages.png(21, 21);
                String afterMd5 = TestImages.md5Hex(after);
                assertThat(client.post("/up", new Multipart().file("f", "after.png", after)).statusCode()).isEqualTo(200);
                Eventually.await(SWITCH_WITHIN, "the agent speaks sis's routes to the upgraded server",
                        () -> client.get("/v1/info/" + afterMd5).statusCode() == 200);
                assertThat(LegacyClientFlows.text(client.get("/v1/info/" + afterMd5))).contains("after.png");
            }

            sis2 = Sis2StandIn.server(sis2Data, port);
            byte[] rolledBack = TestImages.png(22, 22);
            Sis2StandIn back = sis2;
            Eventually.await(SWITCH_WITHIN, "the agent speaks sis 2.0's routes to the rolled-back server",
                    () -> uploadedOrPaused(client, rolledBack) && back.requests().contains("POST /derect_up"));
            assertThat(client.get("/full_down?md5=" + TestImages.md5Hex(before) + "&file_name=before.png").body())
                    .as("what sis 2.0 kept before the upgrade").isEqualTo(before);
        } finally {
            sis2.close();
        }
    }

    @Test
    void anAgentSetToSisNeverFallsBack() throws Exception {
        try (Sis2StandIn sis2 = Sis2StandIn.server(sis2Data);
             TestServer agent = TestServer.startAgent(spool, sis2.url(""), c -> withDialect(c, UpstreamDialect.SIS))) {
            LegacyClientFlows client = new LegacyClientFlows(agent.url(""));
            assertThat(client.post("/up", new Multipart().file("f", "x.png", TestImages.png(8, 8))).statusCode())
                    .isEqualTo(502);
            assertThat(sis2.requests()).noneMatch(r -> r.contains("derect_up") || r.contains("_down"));
        }
    }

    /** An upload through the agent; each failed one is followed by a pause, so that the wait sends few. */
    private static boolean uploadedOrPaused(LegacyClientFlows client, byte[] image) throws Exception {
        return client.post("/up", new Multipart().file("f", "back.png", image)).statusCode() == 200 || paused();
    }

    private static boolean paused() throws InterruptedException {
        Thread.sleep(200);
        return false;
    }

    private TestServer startSisOn(int port) {
        SisConfig defaults = TestServer.defaults(sisData);
        return TestServer.startWith(new SisConfig(new ServerConfig("127.0.0.1", port, Duration.ZERO), defaults.store(),
                defaults.cache(), defaults.upload(), defaults.image()));
    }

    private static SisConfig withDialect(SisConfig c, UpstreamDialect dialect) {
        UpstreamConfig changed = ((StoreConfig.Agent) c.store()).upstream().withDialect(dialect);
        return new SisConfig(c.server(), new StoreConfig.Agent(changed), c.cache(), c.upload(), c.image(), c.security());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
