package dev.sis.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.testing.ServerProcess;
import dev.sis.testing.Slow;
import dev.sis.testing.sis2.LegacyClientFlows;
import dev.sis.testing.sis2.Sis2StandIn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mixed deployment of a rolling upgrade with sis as the real program an operator starts
 * (its own JVM, flags only, no configuration file), both ways round: a sis agent process in front
 * of a sis 2.0 server (the stand-in), and sis 2.0 agents (the stand-in's agent side) in front of
 * a sis server process. {@link MixedSis2DeploymentTest} covers the same in one JVM, with the
 * failures; this one shows that the flags alone make it work.
 */
@Slow
class MixedSis2ProcessTest {
    @TempDir
    Path sis2Data;
    @TempDir
    Path spool;
    @TempDir
    Path sisData;

    @Test
    void aSisAgentProcessInFrontOfASis2ServerAnswersTheLegacyClientFlows() throws Exception {
        try (Sis2StandIn sis2 = Sis2StandIn.server(sis2Data);
             ServerProcess agent = ServerProcess.start(List.of(), List.of("-port", "0", "-host", "127.0.0.1",
                     "-localStore=false", "-image", sis2.url(""), "--spool-dir", spool.toString()))) {
            LegacyClientFlows.Uploaded uploaded = new LegacyClientFlows("http://127.0.0.1:" + agent.port()).run(3);

            assertThat(sis2.requests()).contains("POST /derect_up");
            assertThat(keptBySis2(uploaded.singleMd5(), "cat.jpg")).hasBinaryContent(uploaded.single());
            assertThat(String.join("\n", agent.lines())).contains("speaks sis 2.0's routes only");
        }
    }

    @Test
    void sis2AgentsInFrontOfASisServerProcessAnswerTheLegacyClientFlows() throws Exception {
        try (ServerProcess server = ServerProcess.start(List.of(), ServerProcess.loopbackStore(sisData));
             Sis2StandIn agent = Sis2StandIn.agent("http://127.0.0.1:" + server.port())) {
            LegacyClientFlows.Uploaded uploaded = new LegacyClientFlows(agent.url("")).run(4);

            LegacyClientFlows direct = new LegacyClientFlows("http://127.0.0.1:" + server.port());
            assertThat(direct.get("/full_down?md5=" + uploaded.singleMd5() + "&file_name=cat.jpg").body())
                    .isEqualTo(uploaded.single());
            assertThat(agent.requests()).isNotEmpty();
        }
    }

    private Path keptBySis2(String md5, String name) {
        Path file = Sis2StandIn.keptFile(sis2Data, md5, name);
        assertThat(Files.exists(file)).as("sis 2.0 keeps " + md5 + "/" + name).isTrue();
        return file;
    }
}
