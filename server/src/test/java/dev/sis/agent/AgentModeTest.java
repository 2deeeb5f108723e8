package dev.sis.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.testing.Multipart;
import dev.sis.testing.SpoolFiles;
import dev.sis.testing.TestClient;
import dev.sis.testing.TestImages;
import dev.sis.testing.TestServer;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Agents in front of one server behave to clients exactly like a server, over real HTTP on
 * loopback: uploads are acknowledged only once the server stored them, reads go agent cache →
 * server, and variants are made on the agent and handed to the server (all with the internal
 * token, which a server needs to take variants from its agents).
 */
class AgentModeTest {
    private static final String INTERNAL_TOKEN = "agent-mode-internal-token-0123";
    @TempDir
    Path serverData;
    @TempDir
    Path spoolA;
    @TempDir
    Path spoolB;
    private TestServer server;
    private TestServer agentA;
    private TestServer agentB;

    @BeforeEach
    void startTopology() {
        server = TestServer.start(serverData, c -> TestServer.withInternalToken(c, INTERNAL_TOKEN));
        agentA = TestServer.startAgent(spoolA, server);
        agentB = TestServer.startAgent(spoolB, server);
    }

    @AfterEach
    void stopTopology() {
        agentB.close();
        agentA.close();
        server.close();
    }

    @Test
    void legacyUploadThroughAnAgentIsStoredOnTheServerAndReadableEverywhere() {
        byte[] image = TestImages.jpeg(120, 80);
        String md5 = TestImages.md5Hex(image);

        HttpResponse<byte[]> upload = agentA.client().post("/up", new Multipart().file("file", "cat.jpg", image));

        assertThat(upload.statusCode()).isEqualTo(200);
        assertThat(TestClient.text(upload)).isEqualTo("[{\"Name\":\"cat.jpg\",\"MD5\":\"" + md5 + "\"}]");
        assertThat(storedOnServer(md5, "src/cat.jpg")).hasBinaryContent(image);
        for (TestServer node : List.of(server, agentA, agentB)) {
            assertThat(node.client().get("/simple_down?md5=" + md5).body()).isEqualTo(image);
            assertThat(node.client().get("/full_down?md5=" + md5 + "&file_name=cat.jpg").body()).isEqualTo(image);
        }
        assertThat(agentB.client().get("/full_down?md5=" + md5 + "&file_name=dog.jpg").statusCode()).isEqualTo(404);
    }

    @Test
    void v1UploadAndInfoThroughAnAgent() {
        byte[] image = TestImages.png(64, 48);
        String md5 = TestImages.md5Hex(image);

        HttpResponse<byte[]> put = agentA.client().put("/v1/images/p.png", image);
        HttpResponse<byte[]> info = agentB.client().get("/v1/info/" + md5);

        assertThat(put.statusCode()).isEqualTo(201);
        assertThat(TestClient.text(info)).contains("\"names\":[\"p.png\"]", "\"width\":64", "\"height\":48");
        assertThat(agentB.client().get("/v1/images/" + md5 + "/p.png").body()).isEqualTo(image);
    }

    @Test
    void aVariantMadeByOneAgentIsKeptByTheServerAndNotMadeAgainByAnother() throws InterruptedException {
        byte[] image = TestImages.jpeg(400, 300);
        String md5 = TestImages.md5Hex(image);
        agentA.client().post("/up", new Multipart().file("file", "big.jpg", image));

        HttpResponse<byte[]> first = agentA.client().get("/stretch_simple_down?md5=" + md5 + "&w=100&h=50");
        // Handed to the server after the answer.
        assertThat(agentA.app().service().variants().awaitWrites(Duration.ofSeconds(10))).isTrue();
        HttpResponse<byte[]> second = agentB.client().get("/stretch_simple_down?md5=" + md5 + "&w=100&h=50");

        assertThat(first.statusCode()).isEqualTo(200);
        BufferedImage variant = TestImages.decode(first.body());
        assertThat(variant.getWidth()).isEqualTo(100);
        assertThat(variant.getHeight()).isEqualTo(50);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(agentA.app().service().variantsMade()).isEqualTo(1);
        assertThat(agentB.app().service().variantsMade()).isZero();
        assertThat(server.app().service().variantsMade()).isZero();
        assertThat(storedOnServer(md5, "w100-h50-stretch-auto-q100/image.jpg")).hasBinaryContent(first.body());
    }

    @Test
    void concurrentFirstRequestsOfOneVariantOnAnAgentAreComputedOnce() throws Exception {
        byte[] image = TestImages.jpeg(800, 600);
        String md5 = TestImages.md5Hex(image);
        agentA.client().post("/up", new Multipart().file("file", "x.jpg", image));
        List<Callable<byte[]>> requests = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            requests.add(() -> agentA.client().get("/v1/images/" + md5 + "?w=123&h=77&fit=cover").body());
        }

        List<byte[]> answers = runAll(requests);

        assertThat(answers).allSatisfy(a -> assertThat(a).isEqualTo(answers.getFirst()));
        assertThat(agentA.app().service().variantsMade()).isEqualTo(1);
    }

    @Test
    void agentsKeepNoImageFileOnTheirOwnDisk() throws IOException {
        byte[] image = TestImages.png(32, 32);
        agentA.client().post("/up", new Multipart().file("file", "a.png", image).file("file", "b.png", image));
        agentA.client().get("/stretch_simple_down?md5=" + TestImages.md5Hex(image) + "&w=10&h=10");

        assertThat(SpoolFiles.staged(spoolA)).isEmpty();
    }

    @Test
    void anImageDeletedThroughOneAgentIsSoonGoneFromAnotherAgentsCache() throws InterruptedException {
        byte[] image = TestImages.png(40, 30);
        String md5 = TestImages.md5Hex(image);
        agentA.client().post("/up", new Multipart().file("file", "d.png", image));
        assertThat(agentB.client().get("/simple_down?md5=" + md5).body()).isEqualTo(image);
        assertThat(agentB.client().get("/stretch_simple_down?md5=" + md5 + "&w=10&h=10").statusCode()).isEqualTo(200);

        assertThat(agentA.app().service().delete(new dev.sis.model.Md5(md5), null)).isTrue();

        assertThat(agentA.client().get("/simple_down?md5=" + md5).statusCode()).isEqualTo(404);
        assertThat(server.client().get("/simple_down?md5=" + md5).statusCode()).isEqualTo(404);
        // Agent B may answer from its cache for at most ExistenceMemory.TTL.
        long deadline = System.nanoTime() + 3 * dev.sis.storage.ExistenceMemory.TTL.toNanos();
        while (agentB.client().get("/simple_down?md5=" + md5).statusCode() != 404 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(agentB.client().get("/simple_down?md5=" + md5).statusCode()).isEqualTo(404);
        assertThat(agentB.client().get("/stretch_simple_down?md5=" + md5 + "&w=10&h=10").statusCode()).isEqualTo(404);
    }

    @Test
    void agentsAreReadyWhileTheirServerIs() {
        assertThat(agentA.client().get("/readyz").statusCode()).isEqualTo(200);
        assertThat(agentA.client().get("/healthz").statusCode()).isEqualTo(200);
    }

    private Path storedOnServer(String md5, String rest) {
        return serverData.resolve(md5.substring(0, 2)).resolve(md5.substring(2, 4)).resolve(md5).resolve(rest);
    }

    private static <T> List<T> runAll(List<Callable<T>> tasks) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(tasks.size())) {
            List<Future<T>> futures = pool.invokeAll(tasks);
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        }
    }
}
