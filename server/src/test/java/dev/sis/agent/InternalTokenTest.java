package dev.sis.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.config.SecurityConfig;
import dev.sis.config.SisConfig;
import dev.sis.testing.Multipart;
import dev.sis.testing.TestClient;
import dev.sis.testing.TestImages;
import dev.sis.testing.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With {@code --internal-token} on a server, its store routes need it; agents send it. */
class InternalTokenTest {
    private static final String TOKEN = "s3cret-internal-token-0123456789";

    @TempDir
    Path serverData;
    @TempDir
    Path spool;

    @Test
    void agentWithTheRightTokenStoresAndWrongOrMissingTokenGets502() {
        try (TestServer server = TestServer.start(serverData, c -> withToken(c, TOKEN));
             TestServer good = TestServer.startAgent(spool.resolve("good"), server.url(""), c -> withToken(c, TOKEN));
             TestServer wrong = TestServer.startAgent(spool.resolve("wrong"), server.url(""), c -> withToken(c, TOKEN + "x"));
             TestServer none = TestServer.startAgent(spool.resolve("none"), server.url(""), c -> c)) {
            byte[] image = TestImages.png(16, 16);

            HttpResponse<byte[]> wrongAnswer = wrong.client().put("/v1/images/w.png", image);
            HttpResponse<byte[]> noneAnswer = none.client().post("/up", new Multipart().file("f", "n.png", image));
            assertThat(wrongAnswer.statusCode()).isEqualTo(502);
            assertThat(TestClient.text(wrongAnswer)).contains("internal token");
            assertThat(noneAnswer.statusCode()).isEqualTo(502);
            assertThat(server.client().get("/simple_down?md5=" + TestImages.md5Hex(image)).statusCode()).isEqualTo(404);

            assertThat(good.client().put("/v1/images/g.png", image).statusCode()).isEqualTo(201);
            assertThat(server.client().get("/simple_down?md5=" + TestImages.md5Hex(image)).body()).isEqualTo(image);
        }
    }

    @Test
    void derectUpAndInternalRoutesNeedTheTokenButPublicRoutesDoNot() {
        try (TestServer server = TestServer.start(serverData, c -> withToken(c, TOKEN))) {
            byte[] image = TestImages.png(16, 16);
            String md5 = TestImages.md5Hex(image);
            Multipart direct = new Multipart().file(md5, "d.png", image);

            HttpResponse<byte[]> without = server.client().post("/derect_up", direct);
            HttpResponse<byte[]> wrong = server.client().post("/derect_up", direct, "Authorization", "Bearer nope");
            HttpResponse<byte[]> names = server.client().get("/internal/v1/names/" + md5);
            assertThat(without.statusCode()).isEqualTo(401);
            assertThat(wrong.statusCode()).isEqualTo(401);
            assertThat(names.statusCode()).isEqualTo(401);
            assertThat(server.client().get("/simple_down?md5=" + md5).statusCode()).isEqualTo(404);

            HttpResponse<byte[]> with = server.client().post("/derect_up", direct, "Authorization", "Bearer " + TOKEN);
            assertThat(with.statusCode()).isEqualTo(200);
            assertThat(TestClient.text(with)).isEqualTo("上传完成");
            assertThat(server.client().post("/up", new Multipart().file("f", "u.png", image)).statusCode()).isEqualTo(200);
        }
    }

    private static SisConfig withToken(SisConfig c, String token) {
        return new SisConfig(c.server(), c.store(), c.cache(), c.upload(), c.image(), new SecurityConfig(token, null, null));
    }
}
