package dev.sis.http.v1;

import static dev.sis.http.v1.Answers.assertNothingStored;
import static dev.sis.http.v1.Answers.error;
import static dev.sis.http.v1.Answers.json;
import static dev.sis.http.v1.Answers.segment;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sis.config.SisConfig;
import dev.sis.config.UploadLimits;
import dev.sis.testing.Multipart;
import dev.sis.testing.TestClient;
import dev.sis.testing.TestImages;
import dev.sis.testing.TestServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code POST /v1/images} (multipart) and {@code PUT /v1/images/{name}} (raw body). */
class V1UploadTest {
    @TempDir
    Path dataDir;
    private TestServer server;

    private TestServer server() {
        if (server == null) {
            server = TestServer.start(dataDir);
        }
        return server;
    }

    private TestServer server(UploadLimits limits) {
        server = TestServer.start(dataDir, c -> new SisConfig(c.server(), c.store(), c.cache(), limits, c.image()));
        return server;
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void postOneFileAnswers201WithItsDescription() {
        byte[] jpeg = TestImages.jpeg(80, 60);
        String md5 = TestImages.md5Hex(jpeg);

        HttpResponse<byte[]> response = server().client().post("/v1/images", new Multipart().file("file", "cat.jpg", jpeg));

        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode body = json(response);
        assertThat(Answers.fields(body)).containsExactly("images");
        assertThat(body.get("images").size()).isEqualTo(1);
        JsonNode image = body.get("images").get(0);
        assertUploadFields(image);
        assertThat(image.get("name").textValue()).isEqualTo("cat.jpg");
        assertThat(image.get("md5").textValue()).isEqualTo(md5);
        assertThat(image.get("size").longValue()).isEqualTo(jpeg.length);
        assertThat(image.get("contentType").textValue()).isEqualTo("image/jpeg");
        assertThat(image.get("width").intValue()).isEqualTo(80);
        assertThat(image.get("height").intValue()).isEqualTo(60);
        assertThat(image.get("url").textValue()).isEqualTo("/v1/images/" + md5 + "/cat.jpg");
    }

    @Test
    void postSeveralFilesUnderAnyFieldNamesAnswersInPartOrder() {
        byte[] png = TestImages.png(30, 20);
        byte[] gif = TestImages.gif(12, 34);
        byte[] jpeg = TestImages.jpeg(50, 40);
        Multipart body = new Multipart()
                .file("zzz", "third-is-first.png", png)
                .field("comment", "plain fields are not files")
                .file("a", "b.gif", gif)
                .file("file[]", "a.jpg", jpeg);

        HttpResponse<byte[]> response = server().client().post("/v1/images", body);

        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode images = json(response).get("images");
        assertThat(images.size()).isEqualTo(3);
        assertThat(images.get(0).get("name").textValue()).isEqualTo("third-is-first.png");
        assertThat(images.get(0).get("md5").textValue()).isEqualTo(TestImages.md5Hex(png));
        assertThat(images.get(0).get("contentType").textValue()).isEqualTo("image/png");
        assertThat(images.get(1).get("name").textValue()).isEqualTo("b.gif");
        assertThat(images.get(1).get("md5").textValue()).isEqualTo(TestImages.md5Hex(gif));
        assertThat(images.get(1).get("contentType").textValue()).isEqualTo("image/gif");
        assertThat(images.get(1).get("width").intValue()).isEqualTo(12);
        assertThat(images.get(1).get("height").intValue()).isEqualTo(34);
        assertThat(images.get(2).get("name").textValue()).isEqualTo("a.jpg");
        assertThat(images.get(2).get("md5").textValue()).isEqualTo(TestImages.md5Hex(jpeg));
        for (JsonNode image : images) {
            HttpResponse<byte[]> back = server().client().get(image.get("url").textValue());
            assertThat(back.statusCode()).isEqualTo(200);
            assertThat(TestImages.md5Hex(back.body())).isEqualTo(image.get("md5").textValue());
        }
    }

    @Test
    void urlsArePercentEncodedAndLeadBackToTheFile() {
        byte[] png = TestImages.png(10, 10);
        String md5 = TestImages.md5Hex(png);

        HttpResponse<byte[]> response = server().client().post("/v1/images", new Multipart()
                .file("f", "my cat.png", png)
                .file("f", "猫.png", png));

        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode images = json(response).get("images");
        assertThat(images.get(0).get("name").textValue()).isEqualTo("my cat.png");
        assertThat(images.get(0).get("url").textValue()).isEqualTo("/v1/images/" + md5 + "/my%20cat.png");
        assertThat(images.get(1).get("name").textValue()).isEqualTo("猫.png");
        assertThat(images.get(1).get("url").textValue()).isEqualTo("/v1/images/" + md5 + "/%E7%8C%AB.png");
        for (JsonNode image : images) {
            HttpResponse<byte[]> back = server().client().get(image.get("url").textValue());
            assertThat(back.statusCode()).isEqualTo(200);
            assertThat(back.body()).isEqualTo(png);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"a+b.png", "#1.png", "what?.png", "a&b=c.png", "100%.png", "a;b.png", "~x*.png", "é'!(1).png",
        "emoji-😀.png", "tab-like-\u00a0.png"})
    void aNameWithCharactersSpecialInUrlsRoundTrips(String name) {
        byte[] png = TestImages.png(6, 6);

        HttpResponse<byte[]> response = server().client().post("/v1/images", new Multipart().file("f", name, png));

        assertThat(response.statusCode()).as(TestClient.text(response)).isEqualTo(201);
        JsonNode image = json(response).get("images").get(0);
        assertThat(image.get("name").textValue()).isEqualTo(name);
        String url = image.get("url").textValue();
        assertThat(url).doesNotContain("?", "#", ";", " ", "+");
        HttpResponse<byte[]> back = server().client().get(url);
        assertThat(back.statusCode()).as(url).isEqualTo(200);
        assertThat(back.body()).isEqualTo(png);
        assertThat(Answers.put(server(), name, png).get("name").textValue()).isEqualTo(name);
    }

    /** A double quote cannot be sent raw in a multipart file name, but PUT takes it from the path. */
    @Test
    void aNameWithADoubleQuoteCanBePut() {
        byte[] png = TestImages.png(6, 6);
        JsonNode image = Answers.put(server(), "say \"cheese\".png", png);

        assertThat(image.get("name").textValue()).isEqualTo("say \"cheese\".png");
        assertThat(server().client().get(image.get("url").textValue()).body()).isEqualTo(png);
    }

    @Test
    void putStoresTheRawBodyAndAnswersOneObject() {
        byte[] gif = TestImages.gif(21, 13);
        String md5 = TestImages.md5Hex(gif);

        HttpResponse<byte[]> response = server().client().put("/v1/images/" + segment("日 本.gif"), gif);

        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode image = json(response);
        assertUploadFields(image);
        assertThat(image.get("name").textValue()).isEqualTo("日 本.gif");
        assertThat(image.get("md5").textValue()).isEqualTo(md5);
        assertThat(image.get("size").longValue()).isEqualTo(gif.length);
        assertThat(image.get("contentType").textValue()).isEqualTo("image/gif");
        assertThat(image.get("width").intValue()).isEqualTo(21);
        assertThat(image.get("height").intValue()).isEqualTo(13);
        assertThat(image.get("url").textValue()).isEqualTo("/v1/images/" + md5 + "/%E6%97%A5%20%E6%9C%AC.gif");
        assertThat(server().client().get(image.get("url").textValue()).body()).isEqualTo(gif);
    }

    @Test
    void aNameOfExactlyTheLimitIsAccepted() {
        String name = "a".repeat(46) + ".png"; // 50 bytes
        assertThat(Answers.put(server(), name, TestImages.png(8, 8)).get("name").textValue()).isEqualTo(name);
    }

    @Test
    void putOfANonImageIs415AndStoresNothing() {
        HttpResponse<byte[]> response = server().client().put("/v1/images/notes.png",
                "just some text, not a picture".getBytes(StandardCharsets.UTF_8));

        error(response, 415);
        assertNothingStored(server());
    }

    @Test
    void postOfANonImageIs415AndStoresNothingOfTheRequest() {
        HttpResponse<byte[]> response = server().client().post("/v1/images", new Multipart()
                .file("a", "good.png", TestImages.png(8, 8))
                .file("b", "bad.jpg", "<html>not an image</html>".getBytes(StandardCharsets.UTF_8)));

        error(response, 415);
        assertNothingStored(server());
    }

    @Test
    void anImageWithABrokenHeaderIs415() {
        byte[] png = TestImages.png(16, 16);
        byte[] truncated = java.util.Arrays.copyOf(png, 20); // the magic number, then the header cut short

        error(server().client().put("/v1/images/cut.png", truncated), 415);
        assertNothingStored(server());
    }

    @Test
    void anEmptyBodyIs415() {
        error(server().client().put("/v1/images/empty.png", new byte[0]), 415);
        assertNothingStored(server());
    }

    @Test
    void anEmptyFilePartIs415() {
        error(server().client().post("/v1/images", new Multipart().file("f", "empty.png", new byte[0])), 415);
        assertNothingStored(server());
    }

    @Test
    void aNameOver50BytesIs413() {
        String name = "a".repeat(47) + ".png"; // 51 bytes

        error(server().client().put("/v1/images/" + name, TestImages.png(8, 8)), 413);
        error(server().client().post("/v1/images", new Multipart().file("f", name, TestImages.png(8, 8))), 413);
        assertNothingStored(server());
    }

    @Test
    void aNameOver50Utf8BytesIs413EvenWithFewerCharacters() {
        String name = "猫".repeat(17); // 17 characters, 51 bytes

        error(server().client().put("/v1/images/" + segment(name), TestImages.png(8, 8)), 413);
        assertNothingStored(server());
    }

    @Test
    void aNameWithAControlCharacterIs400() {
        String message = error(server().client().put("/v1/images/a%01b.png", TestImages.png(8, 8)), 400);

        assertThat(message).contains("name");
        assertNothingStored(server());
    }

    @Test
    void aMultipartFileNameWithAControlCharacterIs400() {
        error(server().client().post("/v1/images", new Multipart().file("f", "a\u0001b.png", TestImages.png(8, 8))), 400);
        assertNothingStored(server());
    }

    @Test
    void dotAndDotDotNamesAreRefused() throws Exception {
        byte[] png = TestImages.png(8, 8);
        for (String path : new String[] {"/v1/images/..", "/v1/images/%2E%2E", "/v1/images/.", "/v1/images/%2e"}) {
            TestClient.RawResponse response = server().client().writeAllThenRead("PUT", path,
                    Map.of("Content-Length", Integer.toString(png.length)), new ByteArrayInputStream(png));
            assertThat(response.status()).as(path).isBetween(400, 499);
            assertThat(response.headers().get("content-type")).as(path).startsWith("application/json");
            assertThat(response.text()).as(path).contains("\"status\":" + response.status());
            Answers.assertClean(response.text());
        }
        error(server().client().post("/v1/images", new Multipart().file("f", "..", png)), 400);
        assertNothingStored(server());
    }

    @Test
    void aPutNameWithASlashIsRefusedNotShortened() {
        byte[] png = TestImages.png(8, 8);

        error(server().client().put("/v1/images/a%2Fb.png", png), 400);
        error(server().client().put("/v1/images/%2E%2E%2Fb.png", png), 400);
        error(server().client().put("/v1/images/a%5Cb.png", png), 400);
        assertNothingStored(server());
    }

    @Test
    void aMultipartFileNameKeepsOnlyItsLastSegment() {
        byte[] png = TestImages.png(8, 8);

        HttpResponse<byte[]> response = server().client().post("/v1/images",
                new Multipart().file("f", "../../etc/x.png", png));

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(json(response).get("images").get(0).get("name").textValue()).isEqualTo("x.png");
        // the analysis made in the background stages its sidecar in the data folder: let it finish
        // so the walk sees still files; then each path is judged by its text
        server().awaitBackgroundWrites();
        assertThat(Answers.filesUnder(dataDir)).allSatisfy(p -> assertThat(p.toAbsolutePath().normalize()
                .startsWith(dataDir.toAbsolutePath().normalize())).as("%s is under the data folder", p).isTrue());
    }

    @Test
    void aPutBodyOverTheLimitIs413() {
        server(new UploadLimits(1000, 50, false));
        byte[] png = TestImages.png(200, 200);
        assertThat(png.length).isGreaterThan(1000);

        error(server.client().put("/v1/images/big.png", png), 413);
        assertNothingStored(server);
    }

    @Test
    void aMultipartBodyOverTheLimitIs413() {
        server(new UploadLimits(1000, 50, false));

        error(server.client().post("/v1/images", new Multipart().file("f", "big.png", TestImages.png(200, 200))), 413);
        assertNothingStored(server);
    }

    /** curl asks before it sends a body over 1 MiB: a body too large by its length is refused unsent. */
    @ParameterizedTest
    @CsvSource({"PUT, /v1/images/big.png, image/png", "POST, /v1/images, multipart/form-data; boundary=x"})
    void aBodyTooLargeByItsLengthIsRefusedBeforeTheClientSendsIt(String method, String path, String type)
            throws Exception {
        server(new UploadLimits(1000, 50, false));

        TestClient.RawResponse response = server.client().headThenRead(method, path,
                Map.of("Content-Type", type, "Content-Length", "1001", "Expect", "100-continue"));

        assertThat(response.status()).as("413, not 100 Continue").isEqualTo(413);
        assertThat(response.text()).contains("\"status\":413");
        assertNothingStored(server);
    }

    @Test
    void aChunkedBodyOverTheLimitIs413WithoutAContentLength() throws Exception {
        server(new UploadLimits(1000, 50, false));
        byte[] png = TestImages.png(200, 200);

        TestClient.RawResponse response = server.client().writeAllThenRead("PUT", "/v1/images/big.png",
                Map.of("Transfer-Encoding", "chunked"), new ByteArrayInputStream(chunked(png, 256)));

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.headers().get("content-type")).startsWith("application/json");
        assertThat(response.text()).contains("\"status\":413");
        assertNothingStored(server);
    }

    @Test
    void aBodyUnderTheLimitIsAccepted() {
        server(new UploadLimits(1000, 50, false));
        byte[] png = TestImages.png(4, 4);
        assertThat(png.length).isLessThan(1000);

        assertThat(server.client().put("/v1/images/small.png", png).statusCode()).isEqualTo(201);
    }

    @Test
    void aPostThatIsNotMultipartIs400() {
        byte[] png = TestImages.png(8, 8);

        error(server().client().method("POST", "/v1/images", png, "Content-Type", "image/png"), 400);
        error(server().client().method("POST", "/v1/images", png), 400);
        error(server().client().method("POST", "/v1/images", png, "Content-Type", "multipart/form-data"), 400);
        assertNothingStored(server());
    }

    @Test
    void aMalformedMultipartBodyIs400() {
        byte[] png = TestImages.png(8, 8);
        Multipart multipart = new Multipart().file("f", "a.png", png);
        byte[] body = multipart.body();
        byte[] cut = java.util.Arrays.copyOf(body, body.length - 40); // no closing boundary

        error(server().client().method("POST", "/v1/images", cut, "Content-Type", multipart.contentType()), 400);
        assertNothingStored(server());
    }

    @Test
    void uploadingTheSameBytesTwiceUnderTwoNamesKeepsBoth() {
        byte[] png = TestImages.png(9, 9);
        JsonNode first = Answers.put(server(), "one.png", png);
        JsonNode second = Answers.put(server(), "two.png", png);

        assertThat(first.get("md5")).isEqualTo(second.get("md5"));
        assertThat(server().client().get(first.get("url").textValue()).body()).isEqualTo(png);
        assertThat(server().client().get(second.get("url").textValue()).body()).isEqualTo(png);
    }

    @Test
    void anyFileIsKeptWhenTheServerAcceptsAnyFile() {
        server(new UploadLimits(UploadLimits.DEFAULT_MAX_REQUEST_BYTES, 50, true));
        byte[] text = "hello".getBytes(StandardCharsets.UTF_8);

        HttpResponse<byte[]> response = server.client().put("/v1/images/hello.txt", text);

        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode image = json(response);
        assertThat(image.get("contentType").textValue()).isEqualTo("application/octet-stream");
        assertThat(image.get("width").isNull()).isTrue();
        assertThat(image.get("height").isNull()).isTrue();
        assertThat(server.client().get(image.get("url").textValue()).body()).isEqualTo(text);
    }

    private static byte[] chunked(byte[] body, int chunk) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < body.length; i += chunk) {
            int n = Math.min(chunk, body.length - i);
            out.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, i, n);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    /**
     * An upload's answer: its description, and the analysis (focal, blurhash, dominantColor) once
     * it is made — which an earlier upload of the same image in this class may have done: all
     * three or none.
     */
    private static void assertUploadFields(JsonNode image) {
        List<String> fields = Answers.fields(image);
        List<String> analysis = List.of("focal", "blurhash", "dominantColor");
        assertThat(fields.stream().filter(f -> !analysis.contains(f)).toList()).containsExactlyInAnyOrder(
                "name", "md5", "size", "contentType", "width", "height", "url");
        assertThat(fields.stream().filter(analysis::contains).count()).isIn(0L, 3L);
    }
}
