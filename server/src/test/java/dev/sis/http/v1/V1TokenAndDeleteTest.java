package dev.sis.http.v1;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.config.SecurityConfig;
import dev.sis.config.SisConfig;
import dev.sis.testing.Multipart;
import dev.sis.testing.TestClient;
import dev.sis.testing.TestImages;
import dev.sis.testing.TestServer;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Upload and admin tokens on /v1, and DELETE of originals, variants and cache entries. */
class V1TokenAndDeleteTest {
    private static final String UPLOAD = "upload-token-0123456789";
    private static final String ADMIN = "admin-token-0123456789";

    @TempDir
    Path dataDir;

    private TestServer start(String upload, String admin) {
        return TestServer.start(dataDir, c -> new SisConfig(c.server(), c.store(), c.cache(), c.upload(), c.image(),
                new SecurityConfig(null, upload, admin)));
    }

    @Test
    void uploadsNeedTheUploadTokenAsAHeaderOrQuery() {
        try (TestServer server = start(UPLOAD, null)) {
            byte[] image = TestImages.png(10, 10);

            HttpResponse<byte[]> none = server.client().put("/v1/images/a.png", image);
            HttpResponse<byte[]> wrong = server.client().post("/v1/images", new Multipart().file("f", "a.png", image),
                    "Authorization", "Bearer nope-nope-nope-nope");
            assertThat(none.statusCode()).isEqualTo(401);
            assertThat(TestClient.text(none)).contains("\"status\":401", "upload token");
            assertThat(wrong.statusCode()).isEqualTo(401);
            assertThat(server.client().get("/v1/images/" + TestImages.md5Hex(image)).statusCode()).isEqualTo(404);

            assertThat(server.client().put("/v1/images/a.png", image, "Authorization", "Bearer " + UPLOAD).statusCode())
                    .isEqualTo(201);
            assertThat(server.client().put("/v1/images/b.png?token=" + UPLOAD, image).statusCode()).isEqualTo(201);
        }
    }

    @Test
    void deleteIsOffWithoutAnAdminTokenAndSaysHowToEnableIt() {
        try (TestServer server = start(null, null)) {
            HttpResponse<byte[]> answer = server.client().method("DELETE", "/v1/images/" + "a".repeat(32), new byte[0]);

            assertThat(answer.statusCode()).isEqualTo(403);
            assertThat(TestClient.text(answer)).contains("--admin-token");
        }
    }

    @Test
    void deleteNeedsTheAdminTokenNotTheUploadToken() {
        try (TestServer server = start(UPLOAD, ADMIN)) {
            String path = "/v1/images/" + "a".repeat(32);

            assertThat(server.client().method("DELETE", path, new byte[0]).statusCode()).isEqualTo(401);
            assertThat(server.client().method("DELETE", path, new byte[0], "Authorization", "Bearer " + UPLOAD)
                    .statusCode()).isEqualTo(403);
            assertThat(server.client().method("DELETE", path, new byte[0], "Authorization", "Bearer " + ADMIN)
                    .statusCode()).isEqualTo(404);
        }
    }

    @Test
    void deleteRemovesTheOriginalItsVariantsAndCacheEntriesAndASecondDeleteIs404() throws IOException {
        try (TestServer server = start(null, ADMIN)) {
            byte[] image = TestImages.jpeg(200, 100);
            String md5 = TestImages.md5Hex(image);
            server.client().post("/v1/images", new Multipart().file("f", "a.jpg", image));
            assertThat(server.client().get("/v1/images/" + md5 + "?w=50").statusCode()).isEqualTo(200);
            assertThat(server.client().get("/stretch_simple_down?md5=" + md5 + "&w=20&h=20").statusCode()).isEqualTo(200);

            HttpResponse<byte[]> deleted = server.client().method("DELETE", "/v1/images/" + md5, new byte[0],
                    "Authorization", "Bearer " + ADMIN);

            assertThat(deleted.statusCode()).isEqualTo(204);
            assertThat(server.client().get("/v1/images/" + md5).statusCode()).isEqualTo(404);
            assertThat(server.client().get("/v1/images/" + md5 + "?w=50").statusCode()).isEqualTo(404);
            assertThat(server.client().get("/simple_down?md5=" + md5).statusCode()).isEqualTo(404);
            assertThat(server.client().get("/stretch_simple_down?md5=" + md5 + "&w=20&h=20").statusCode()).isEqualTo(404);
            // After the delete, not before: a variant or the analysis still under way when it came
            // must not land in the folder afterwards (the store refuses it), which is seen once it is done.
            server.awaitBackgroundWrites();
            assertThat(filesOf(md5)).isEmpty();
            assertThat(server.client().method("DELETE", "/v1/images/" + md5, new byte[0],
                    "Authorization", "Bearer " + ADMIN).statusCode()).isEqualTo(404);
        }
    }

    @Test
    void deletingOneNameKeepsTheOthers() {
        try (TestServer server = start(null, ADMIN)) {
            byte[] image = TestImages.png(30, 30);
            String md5 = TestImages.md5Hex(image);
            server.client().post("/v1/images", new Multipart().file("f", "a.png", image).file("f", "b.png", image));

            assertThat(server.client().method("DELETE", "/v1/images/" + md5 + "/a.png", new byte[0],
                    "Authorization", "Bearer " + ADMIN).statusCode()).isEqualTo(204);

            assertThat(server.client().get("/v1/images/" + md5 + "/a.png").statusCode()).isEqualTo(404);
            assertThat(server.client().get("/v1/images/" + md5 + "/b.png").body()).isEqualTo(image);
            assertThat(TestClient.text(server.client().get("/v1/info/" + md5))).contains("\"names\":[\"b.png\"]");
        }
    }

    private Stream<Path> filesOf(String md5) throws IOException {
        Path dir = dataDir.resolve(md5.substring(0, 2)).resolve(md5.substring(2, 4)).resolve(md5);
        return Files.exists(dir) ? Files.walk(dir).filter(Files::isRegularFile).toList().stream() : Stream.empty();
    }
}
