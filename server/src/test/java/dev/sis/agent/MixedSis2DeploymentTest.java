package dev.sis.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.config.SecurityConfig;
import dev.sis.config.SisConfig;
import dev.sis.testing.Multipart;
import dev.sis.testing.TestImages;
import dev.sis.testing.TestServer;
import dev.sis.testing.sis2.LegacyClientFlows;
import dev.sis.testing.sis2.Sis2StandIn;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A deployment halfway through a rolling upgrade from sis 2.0, both ways round, over real HTTP on
 * loopback: a sis agent in front of a sis 2.0 server (the stand-in, {@link Sis2StandIn}), and
 * sis 2.0 agents in front of a sis server. sis 2.0's client flows get sis 2.0's answers through
 * either; what sis 2.0 cannot do is refused with a 501 that says why, and bytes a sis 2.0 server
 * holds under a wrong MD5 are never served.
 */
class MixedSis2DeploymentTest {
    private static final String ADMIN_TOKEN = "mixed-deployment-admin-token";
    @TempDir
    Path sis2Data;
    @TempDir
    Path spool;
    @TempDir
    Path sisData;

    @Test
    void aSisAgentInFrontOfASis2ServerAnswersTheLegacyClientFlows() throws Exception {
        try (Sis2StandIn sis2 = Sis2StandIn.server(sis2Data);
             TestServer agent = TestServer.startAgent(spool, sis2.url(""), c -> c)) {
            LegacyClientFlows.Uploaded uploaded = new LegacyClientFlows(agent.url("")).run(1);

            assertThat(storedBySis2(uploaded.singleMd5(), "cat.jpg")).hasBinaryContent(uploaded.single());
            assertThat(storedBySis2(uploaded.secondMd5(), "two.png")).hasBinaryContent(uploaded.second());
            // Only sis 2.0's routes carry files; the stretched images stayed on the agent.
            assertThat(sis2.requests()).filteredOn(r -> r.startsWith("POST"))
                    .containsExactly("POST /derect_up", "POST /derect_up", "POST /derect_up", "POST /derect_up");
            assertThat(sis2.requests()).allMatch(r -> r.equals("POST /derect_up") || r.startsWith("GET /simple_down")
                    || r.startsWith("GET /full_down") || r.startsWith("HEAD /") || r.startsWith("GET /internal/v1/"));
        }
    }

    @Test
    void sis2AgentsInFrontOfASisServerAnswerTheLegacyClientFlows() throws Exception {
        try (TestServer server = TestServer.startWith(TestServer.defaults(sisData));
             Sis2StandIn agentA = Sis2StandIn.agent(server.url(""));
             Sis2StandIn agentB = Sis2StandIn.agent(server.url(""))) {
            LegacyClientFlows.Uploaded uploaded = new LegacyClientFlows(agentA.url("")).run(2);

            LegacyClientFlows other = new LegacyClientFlows(agentB.url(""));
            assertThat(other.get("/simple_down?md5=" + uploaded.firstMd5()).body()).isEqualTo(uploaded.first());
            assertThat(new LegacyClientFlows(server.url("")).get("/full_down?md5=" + uploaded.singleMd5()
                    + "&file_name=cat.jpg").body()).isEqualTo(uploaded.single());
        }
    }

    @Test
    void aSisAgentTellsWhatASis2ServerCannotDo() throws Exception {
        try (Sis2StandIn sis2 = Sis2StandIn.server(sis2Data);
             TestServer agent = TestServer.startAgent(spool, sis2.url(""), MixedSis2DeploymentTest::withAdminToken)) {
            LegacyClientFlows client = new LegacyClientFlows(agent.url(""));
            byte[] image = TestImages.png(32, 32);
            String md5 = TestImages.md5Hex(image);
            assertThat(client.post("/v1/images", new Multipart().file("file", "a.png", image)).statusCode())
                    .isEqualTo(201);

            HttpResponse<byte[]> delete = client.send(HttpRequest.newBuilder(URI.create(agent.url("/v1/images/" + md5)))
                    .header("Authorization", "Bearer " + ADMIN_TOKEN).DELETE().build());
            HttpResponse<byte[]> info = client.get("/v1/info/" + md5);

            for (HttpResponse<byte[]> refused : List.of(delete, info)) {
                assertThat(refused.statusCode()).isEqualTo(501);
                assertThat(LegacyClientFlows.text(refused)).contains("sis 2.0");
            }
            assertThat(storedBySis2(md5, "a.png")).hasBinaryContent(image);
            assertThat(client.get("/v1/images/" + md5).body()).isEqualTo(image);
        }
    }

    @Test
    void bytesASis2ServerHoldsUnderAWrongMd5AreRefused() throws Exception {
        try (Sis2StandIn sis2 = Sis2StandIn.server(sis2Data);
             TestServer agent = TestServer.startAgent(spool, sis2.url(""), c -> c)) {
            byte[] image = TestImages.jpeg(50, 40);
            String wrongMd5 = TestImages.md5Hex(TestImages.jpeg(51, 40));
            // sis 2.0 stored what /derect_up was told, unchecked.
            HttpResponse<byte[]> stored = new LegacyClientFlows(sis2.url(""))
                    .post("/derect_up", new Multipart().file(wrongMd5, "liar.jpg", image));
            assertThat(stored.statusCode()).isEqualTo(200);

            LegacyClientFlows client = new LegacyClientFlows(agent.url(""));
            assertThat(client.get("/simple_down?md5=" + wrongMd5).statusCode()).isEqualTo(502);
            assertThat(client.get("/full_down?md5=" + wrongMd5 + "&file_name=liar.jpg").statusCode()).isEqualTo(502);
            assertThat(client.get("/stretch_simple_down?md5=" + wrongMd5 + "&w=10&h=10").statusCode()).isEqualTo(502);
        }
    }

    private Path storedBySis2(String md5, String name) {
        Path file = Sis2StandIn.keptFile(sis2Data, md5, name);
        assertThat(Files.exists(file)).as("sis 2.0 keeps " + md5 + "/" + name).isTrue();
        return file;
    }

    private static SisConfig withAdminToken(SisConfig c) {
        SecurityConfig s = c.security();
        return new SisConfig(c.server(), c.store(), c.cache(), c.upload(), c.image(), new SecurityConfig(
                s.internalToken(), s.uploadToken(), ADMIN_TOKEN, s.signingKey(), s.sizes(), s.corsOrigins()),
                c.logFormat(), c.imageEngine());
    }
}
