package dev.sis.http.v1;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.testing.TestImages;
import dev.sis.testing.TestServer;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /healthz} (liveness) and {@code /readyz} (the store can take files). */
class V1HealthTest {
    @TempDir
    Path dataDir;
    private TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void healthzAnswers200() {
        server = TestServer.start(dataDir);
        HttpResponse<byte[]> response = server.client().get("/healthz");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Answers.json(response).get("status").textValue()).isEqualTo("ok");
    }

    @Test
    void readyzAnswers200WhenTheStoreIsWritable() {
        server = TestServer.start(dataDir);
        HttpResponse<byte[]> response = server.client().get("/readyz");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Answers.json(response).get("status").textValue()).isEqualTo("ready");
        assertThat(Answers.json(response).get("imageEngine").textValue()).matches("(java|vips) \\(.*\\)");
    }

    /**
     * Tests run as root, so permissions cannot make the store unwritable; a file where the
     * staging directory should be does: nothing can be staged there.
     */
    @Tag("server-only") // breaks the local store; through an agent that is an upstream 502 (UpstreamFailureTest)
    @Test
    void readyzAnswers503WhileTheStoreCannotStageFilesAnd200Again() throws IOException {
        server = TestServer.start(dataDir);
        Path staging = dataDir.resolve(".staging");
        assertThat(staging).isDirectory();
        Files.delete(staging);
        Files.writeString(staging, "in the way");

        HttpResponse<byte[]> notReady = server.client().get("/readyz");
        assertThat(notReady.statusCode()).isEqualTo(503);
        assertThat(Answers.json(notReady).get("status").textValue()).isEqualTo("unavailable");
        assertThat(server.client().get("/healthz").statusCode()).as("still alive").isEqualTo(200);
        HttpResponse<byte[]> upload = server.client().put("/v1/images/a.png", TestImages.png(8, 8));
        assertThat(Answers.error(upload, 500)).doesNotContain(".staging");

        Files.delete(staging);
        Files.createDirectory(staging);
        assertThat(server.client().get("/readyz").statusCode()).isEqualTo(200);
        assertThat(server.client().put("/v1/images/a.png", TestImages.png(8, 8)).statusCode()).isEqualTo(201);
    }
}
