package dev.sis.http.v1;

import static dev.sis.http.v1.Answers.error;
import static dev.sis.http.v1.Answers.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sis.config.SisConfig;
import dev.sis.config.UploadLimits;
import dev.sis.testing.Multipart;
import dev.sis.testing.TestImages;
import dev.sis.testing.TestServer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code GET /v1/info/{md5}}. */
class V1InfoTest {
    @TempDir
    Path dataDir;
    private TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private JsonNode info(String md5) {
        HttpResponse<byte[]> response = server.client().get("/v1/info/" + md5);
        assertThat(response.statusCode()).isEqualTo(200);
        return json(response);
    }

    @ParameterizedTest(name = "cached={0}")
    @ValueSource(booleans = {true, false})
    void describesAnImage(boolean cached) {
        server = Answers.start(dataDir, cached);
        byte[] png = TestImages.png(123, 45);
        String md5 = Answers.put(server, "p.png", png).get("md5").textValue();
        dev.sis.testing.AnalysisMade.await(server.client(), md5); // so that the fields are all there, every run

        JsonNode info = info(md5);

        assertThat(Answers.fields(info)).containsExactlyInAnyOrder(
                "md5", "names", "size", "contentType", "format", "width", "height", "frames",
                "focal", "blurhash", "dominantColor");
        assertThat(info.get("md5").textValue()).isEqualTo(md5);
        assertThat(info.get("names").isArray()).isTrue();
        assertThat(info.get("names").get(0).textValue()).isEqualTo("p.png");
        assertThat(info.get("size").longValue()).isEqualTo(png.length);
        assertThat(info.get("contentType").textValue()).isEqualTo("image/png");
        assertThat(info.get("format").textValue()).isEqualTo("png");
        assertThat(info.get("width").intValue()).isEqualTo(123);
        assertThat(info.get("height").intValue()).isEqualTo(45);
        assertThat(info.get("frames").intValue()).isEqualTo(1);
    }

    @Test
    void listsEveryNameOfTheSameBytesSorted() {
        server = TestServer.start(dataDir);
        byte[] jpeg = TestImages.jpeg(30, 20);
        String md5 = Answers.put(server, "zebra.jpg", jpeg).get("md5").textValue();
        server.client().post("/v1/images", new Multipart().file("f", "apple.jpg", jpeg).file("g", "Mango.jpg", jpeg));
        Answers.put(server, "猫.jpg", jpeg);
        Answers.put(server, "zebra.jpg", jpeg); // the same name again: listed once
        Answers.put(server, "other.png", TestImages.png(5, 5)); // other bytes: not listed

        JsonNode names = info(md5).get("names");

        assertThat(names.size()).isEqualTo(4);
        assertThat(names.get(0).textValue()).isEqualTo("Mango.jpg");
        assertThat(names.get(1).textValue()).isEqualTo("apple.jpg");
        assertThat(names.get(2).textValue()).isEqualTo("zebra.jpg");
        assertThat(names.get(3).textValue()).isEqualTo("猫.jpg");
    }

    @Test
    void describesEachFormat() {
        server = TestServer.start(dataDir);
        String jpeg = Answers.put(server, "a.jpg", TestImages.jpeg(31, 17)).get("md5").textValue();
        String gif = Answers.put(server, "a.gif", TestImages.gif(19, 23)).get("md5").textValue();

        JsonNode jpegInfo = info(jpeg);
        JsonNode gifInfo = info(gif);

        assertThat(jpegInfo.get("format").textValue()).isEqualTo("jpeg");
        assertThat(jpegInfo.get("contentType").textValue()).isEqualTo("image/jpeg");
        assertThat(jpegInfo.get("width").intValue()).isEqualTo(31);
        assertThat(jpegInfo.get("height").intValue()).isEqualTo(17);
        assertThat(gifInfo.get("format").textValue()).isEqualTo("gif");
        assertThat(gifInfo.get("contentType").textValue()).isEqualTo("image/gif");
        assertThat(gifInfo.get("width").intValue()).isEqualTo(19);
        assertThat(gifInfo.get("height").intValue()).isEqualTo(23);
        assertThat(gifInfo.get("frames").intValue()).isEqualTo(1);
    }

    @Test
    void describesAStoredFileThatIsNotAnImage() {
        server = TestServer.start(dataDir, c -> new SisConfig(c.server(), c.store(), c.cache(),
                new UploadLimits(UploadLimits.DEFAULT_MAX_REQUEST_BYTES, 50, true), c.image()));
        byte[] text = "hello".getBytes(StandardCharsets.UTF_8);
        String md5 = Answers.put(server, "hello.txt", text).get("md5").textValue();

        JsonNode info = info(md5);

        assertThat(info.get("size").longValue()).isEqualTo(text.length);
        assertThat(info.get("contentType").textValue()).isEqualTo("application/octet-stream");
        assertThat(info.get("names").get(0).textValue()).isEqualTo("hello.txt");
    }

    @Test
    void anUnknownMd5Is404() {
        server = TestServer.start(dataDir);
        error(server.client().get("/v1/info/0123456789abcdef0123456789abcdef"), 404);
    }

    @Test
    void aMalformedMd5Is400NamingIt() {
        server = TestServer.start(dataDir);
        assertThat(error(server.client().get("/v1/info/not-an-md5"), 400)).contains("md5");
        assertThat(error(server.client().get("/v1/info/0123456789abcdef0123456789abcdeg"), 400)).contains("md5");
    }
}
