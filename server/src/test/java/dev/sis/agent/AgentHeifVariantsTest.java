package dev.sis.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.config.SisConfig;
import dev.sis.image.HeifFiles;
import dev.sis.testing.Prerequisite;
import dev.sis.testing.Requires;
import dev.sis.testing.TestImages;
import dev.sis.testing.TestServer;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent on the vips engine in front of a server on the java engine: the AVIF variants it makes,
 * and the variants of HEIC originals, pass the server's variant intake (which reads their HEIF
 * boxes) and are stored beside the original. The server cannot make either itself, so its
 * answer proves the agent's variant was kept.
 */
@Requires(Prerequisite.LIBVIPS)
class AgentHeifVariantsTest {
    private static final String INTERNAL_TOKEN = "agent-heif-internal-token-0123";
    @TempDir
    Path serverData;
    @TempDir
    Path spool;
    private TestServer server;
    private TestServer agent;

    @BeforeEach
    void start() {
        SisConfig base = TestServer.withInternalToken(TestServer.defaults(serverData), INTERNAL_TOKEN);
        server = TestServer.startWith(javaEngine(base));
        agent = TestServer.startAgent(spool, server.url(""),
                c -> vipsEngine(TestServer.withInternalToken(c, INTERNAL_TOKEN)));
    }

    @AfterEach
    void stop() {
        agent.close();
        server.close();
    }

    @Test
    void anAvifVariantMadeOnTheAgentIsStoredOnTheServer() throws Exception {
        byte[] jpeg = TestImages.jpeg(160, 120);
        String md5 = TestImages.md5Hex(jpeg);
        assertThat(agent.client().put("/v1/images/a.jpg", jpeg).statusCode()).isEqualTo(201);

        HttpResponse<byte[]> made = agent.client().get("/v1/images/" + md5 + "?w=80&format=avif");
        assertThat(made.statusCode()).as(new String(made.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(agent.app().service().variants().awaitWrites(Duration.ofSeconds(10))).isTrue();

        assertThat(storedVariants(md5)).anyMatch(name -> name.endsWith(".avif"));
        HttpResponse<byte[]> fromServer = server.client().get("/v1/images/" + md5 + "?w=80&format=avif");
        assertThat(fromServer.statusCode()).isEqualTo(200);
        assertThat(fromServer.body()).isEqualTo(made.body());
    }

    @Test
    void aJpegVariantOfAHeicMadeOnTheAgentIsStoredOnTheServer() throws Exception {
        byte[] heic = HeifFiles.heic(64, 48);
        String md5 = TestImages.md5Hex(heic);
        assertThat(agent.client().put("/v1/images/phone.heic", heic).statusCode()).isEqualTo(201);

        HttpResponse<byte[]> made = agent.client().get("/v1/images/" + md5 + "?w=32");
        assertThat(made.statusCode()).as(new String(made.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(made.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(agent.app().service().variants().awaitWrites(Duration.ofSeconds(10))).isTrue();

        assertThat(storedVariants(md5)).anyMatch(name -> name.endsWith(".jpg"));
        HttpResponse<byte[]> fromServer = server.client().get("/v1/images/" + md5 + "?w=32");
        assertThat(fromServer.statusCode()).isEqualTo(200);
        assertThat(fromServer.body()).isEqualTo(made.body());
    }

    /** The names of the files kept beside the original on the server, the original's own excepted. */
    private List<String> storedVariants(String md5) throws IOException {
        Path dir = serverData.resolve(md5.substring(0, 2)).resolve(md5.substring(2, 4)).resolve(md5);
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).filter(f -> !f.getParent().getFileName().toString().equals("src"))
                    .map(f -> f.getFileName().toString()).toList();
        }
    }

    private static SisConfig javaEngine(SisConfig c) {
        return new SisConfig(c.server(), c.store(), c.cache(), c.upload(), c.image(), c.security(), c.logFormat(),
                SisConfig.EngineChoice.JAVA);
    }

    private static SisConfig vipsEngine(SisConfig c) {
        return new SisConfig(c.server(), c.store(), c.cache(), c.upload(), c.image(), c.security(), c.logFormat(),
                SisConfig.EngineChoice.VIPS);
    }
}
