package dev.sis.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.testing.AnalysisMade;
import dev.sis.testing.Eventually;
import dev.sis.testing.Multipart;
import dev.sis.testing.TestClient;
import dev.sis.testing.TestImages;
import dev.sis.testing.TestServer;
import dev.sis.testing.sis2.Sis2StandIn;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An upload through an agent is analysed once, by the server that keeps the files (on its store
 * route, beside the original), never by the agent too; an upload straight to the server is
 * analysed there as well. In front of a sis 2.0 server, which keeps no analysis, the agent makes
 * none (it would read the whole original back for nothing). Counted by each process's own
 * {@code sis_analyses_made_total} on {@code /metrics}, over real HTTP.
 */
class AgentAnalysisOnceTest {
    private static final Pattern MADE = Pattern.compile("(?m)^sis_analyses_made_total(?:\\{[^}]*})? (\\S+)");
    private static final Pattern ORIGINALS_READ = Pattern.compile(
            "(?m)^http_server_requests_seconds_count\\{method=\"GET\",route=\"/internal/v1/originals/\\{md5}/\\{name}\",.*} (\\S+)$");

    @TempDir
    java.nio.file.Path dataDir;
    @TempDir
    java.nio.file.Path spool;

    private static long analysesMade(TestServer node) {
        Matcher m = MADE.matcher(TestClient.text(node.client().get("/metrics")));
        assertThat(m.find()).as("the metric is published").isTrue();
        return (long) Double.parseDouble(m.group(1));
    }

    @Test
    void oneUploadThroughAnAgentIsAnalysedOnceByItsServer() throws Exception {
        try (TestServer server = TestServer.start(dataDir, c -> TestServer.withInternalToken(c, "once-internal-token-0123"));
             TestServer agent = TestServer.startAgent(spool, server)) {
            byte[] picture = TestImages.jpeg(160, 120);
            String md5 = TestImages.md5Hex(picture);

            assertThat(agent.client().put("/v1/images/a.jpg", picture).statusCode()).isEqualTo(201);
            AnalysisMade.await(agent.client(), md5);
            Eventually.await(Duration.ofSeconds(20), "the server's post-upload work done",
                    () -> server.app().service().postUpload().idle());

            assertThat(analysesMade(server)).as("made by the server").isEqualTo(1);
            assertThat(analysesMade(agent)).as("made by the agent").isZero();
            assertThat(agent.app().service().postUpload().idle()).isTrue();
            assertThat(ORIGINALS_READ.matcher(TestClient.text(server.client().get("/metrics"))).find())
                    .as("the agent read no original back from its server (it did, to analyse it)").isFalse();

            byte[] direct = TestImages.png(90, 70);
            assertThat(server.client().put("/v1/images/b.png", direct).statusCode()).isEqualTo(201);
            AnalysisMade.await(server.client(), TestImages.md5Hex(direct));
            assertThat(analysesMade(server)).as("an upload straight to the server is analysed there").isEqualTo(2);
        }
    }

    @Test
    void anAgentInFrontOfASis2ServerMakesNoAnalysis(@TempDir java.nio.file.Path sis2Data) throws Exception {
        try (Sis2StandIn sis2 = Sis2StandIn.server(sis2Data);
             TestServer agent = TestServer.startAgent(spool, sis2.url(""), c -> c)) {
            byte[] picture = TestImages.png(64, 48);

            assertThat(agent.client().post("/v1/images", new Multipart().file("file", "a.png", picture)).statusCode())
                    .isEqualTo(201);
            Eventually.await(Duration.ofSeconds(20), "the agent's post-upload work done",
                    () -> agent.app().service().postUpload().idle());

            assertThat(analysesMade(agent)).isZero();
            assertThat(sis2.requests()).as("nothing read the original back to analyse it")
                    .noneMatch(r -> r.startsWith("GET /simple_down") || r.startsWith("GET /full_down"));
        }
    }
}
