package dev.sis.http.v1;

import static dev.sis.http.v1.Answers.error;
import static dev.sis.http.v1.Answers.header;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.testing.TestImages;
import dev.sis.testing.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code GET}/{@code HEAD /v1/images/{md5}} and {@code /v1/images/{md5}/{name}}: originals. */
class V1DownloadTest {
    private static final String ABSENT = "0123456789abcdef0123456789abcdef";

    @TempDir
    Path dataDir;
    private TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private TestServer start(boolean cached) {
        server = Answers.start(dataDir, cached);
        return server;
    }

    @ParameterizedTest(name = "cached={0}")
    @ValueSource(booleans = {true, false})
    void getByMd5GivesTheOriginalBytes(boolean cached) {
        byte[] jpeg = TestImages.jpeg(70, 50);
        String md5 = Answers.put(start(cached), "photo.jpg", jpeg).get("md5").textValue();

        HttpResponse<byte[]> response = server.client().get("/v1/images/" + md5);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(jpeg);
        assertThat(header(response, "Content-Type")).isEqualTo("image/jpeg");
        assertThat(header(response, "Content-Length")).isEqualTo(Integer.toString(jpeg.length));
    }

    @ParameterizedTest(name = "cached={0}")
    @ValueSource(booleans = {true, false})
    void getByMd5AndNameGivesTheOriginalBytes(boolean cached) {
        byte[] gif = TestImages.gif(33, 22);
        String md5 = Answers.put(start(cached), "anim.gif", gif).get("md5").textValue();

        HttpResponse<byte[]> response = server.client().get("/v1/images/" + md5 + "/anim.gif");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(gif);
        assertThat(header(response, "Content-Type")).isEqualTo("image/gif");
    }

    @ParameterizedTest(name = "cached={0}")
    @ValueSource(booleans = {true, false})
    void headHasTheHeadersOfGetAndNoBody(boolean cached) {
        byte[] png = TestImages.png(40, 30);
        String md5 = Answers.put(start(cached), "p.png", png).get("md5").textValue();

        for (String path : new String[] {"/v1/images/" + md5, "/v1/images/" + md5 + "/p.png"}) {
            HttpResponse<byte[]> head = server.client().head(path);
            HttpResponse<byte[]> get = server.client().get(path);

            assertThat(head.statusCode()).isEqualTo(200);
            assertThat(head.body()).isEmpty();
            assertThat(header(head, "Content-Length")).isEqualTo(Integer.toString(png.length));
            assertThat(header(head, "Content-Type")).isEqualTo("image/png");
            assertThat(header(head, "ETag")).isEqualTo(header(get, "ETag"));
            assertThat(header(head, "Cache-Control")).isEqualTo(header(get, "Cache-Control"));
        }
    }

    @Test
    void theSameBytesUnderTwoNamesAreFoundUnderEither() {
        byte[] png = TestImages.png(12, 12);
        String md5 = Answers.put(start(true), "first.png", png).get("md5").textValue();
        Answers.put(server, "second.png", png);

        assertThat(server.client().get("/v1/images/" + md5 + "/first.png").body()).isEqualTo(png);
        assertThat(server.client().get("/v1/images/" + md5 + "/second.png").body()).isEqualTo(png);
        assertThat(server.client().get("/v1/images/" + md5).body()).isEqualTo(png);
        error(server.client().get("/v1/images/" + md5 + "/third.png"), 404);
    }

    @Test
    void anUpperCaseMd5FindsTheSameImage() {
        byte[] png = TestImages.png(12, 12);
        String md5 = Answers.put(start(true), "u.png", png).get("md5").textValue();

        HttpResponse<byte[]> response = server.client().get("/v1/images/" + md5.toUpperCase(java.util.Locale.ROOT));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(png);
    }

    @ParameterizedTest(name = "cached={0}")
    @ValueSource(booleans = {true, false})
    void anUnknownMd5Is404(boolean cached) {
        start(cached);
        assertThat(error(server.client().get("/v1/images/" + ABSENT), 404)).contains(ABSENT);
        error(server.client().get("/v1/images/" + ABSENT + "/x.png"), 404);
        HttpResponse<byte[]> head = server.client().head("/v1/images/" + ABSENT);
        assertThat(head.statusCode()).isEqualTo(404);
        assertThat(head.body()).isEmpty();
    }

    @Test
    void anUnknownNameOfAKnownMd5Is404() {
        byte[] png = TestImages.png(12, 12);
        String md5 = Answers.put(start(true), "known.png", png).get("md5").textValue();

        assertThat(error(server.client().get("/v1/images/" + md5 + "/unknown.png"), 404)).contains("unknown.png");
    }

    @Test
    void aMalformedMd5Is400NamingIt() {
        start(true);
        for (String md5 : new String[] {"abc", ABSENT.substring(1), ABSENT + "0", "g123456789abcdef0123456789abcdef",
                "0123456789abcdef0123456789abcde%20"}) {
            assertThat(error(server.client().get("/v1/images/" + md5), 400)).as(md5).contains("md5");
            assertThat(error(server.client().get("/v1/images/" + md5 + "/a.png"), 400)).as(md5).contains("md5");
        }
    }

    @Test
    void aMalformedNameIs400() {
        start(true);
        error(server.client().get("/v1/images/" + ABSENT + "/a%01b.png"), 400);
        error(server.client().get("/v1/images/" + ABSENT + "/" + "a".repeat(51)), 413);
    }
}
