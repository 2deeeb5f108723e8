package dev.sis.http.legacy;

import static dev.sis.http.legacy.LegacyFixtures.BAD_REQUEST;
import static dev.sis.http.legacy.LegacyFixtures.assertAllowsAnyOrigin;
import static dev.sis.http.legacy.LegacyFixtures.assertText;
import static dev.sis.http.legacy.LegacyFixtures.entries;
import static dev.sis.http.legacy.LegacyFixtures.storedFiles;
import static dev.sis.testing.TestImages.md5Hex;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.http.legacy.LegacyFixtures.Entry;
import dev.sis.testing.Multipart;
import dev.sis.testing.SisServerExtension;
import dev.sis.testing.TestClient;
import dev.sis.testing.TestImages;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code /up}: CORS, the JSON answer, and what is refused with 400. */
class LegacyUploadTest {

    @RegisterExtension
    static final SisServerExtension sis = SisServerExtension.perTest();

    @Test
    void optionsAnswers204WithCorsHeadersAndNoBody() {
        HttpResponse<byte[]> response = sis.client().method("OPTIONS", "/up", new byte[0]);

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.headers().allValues("Access-Control-Allow-Method")).containsExactly("POST");
        assertAllowsAnyOrigin(response);
        assertThat(response.body()).isEmpty();
    }

    @Test
    void oneFileIsStoredAndAnsweredWithItsNameAndRealMd5() {
        byte[] jpeg = TestImages.jpeg(40, 30);

        HttpResponse<byte[]> response = sis.client().post("/up", new Multipart().file("file", "test1.jpg", jpeg));

        assertThat(response.statusCode()).isEqualTo(200);
        assertAllowsAnyOrigin(response);
        assertThat(entries(response)).containsExactly(new Entry("test1.jpg", md5Hex(jpeg)));
        assertThat(sis.client().get("/simple_down?md5=" + md5Hex(jpeg)).body()).isEqualTo(jpeg);
    }

    @Test
    void theAnswerIsTheBareJsonArrayWithKeysNameAndMd5() {
        byte[] jpeg = TestImages.jpeg(40, 30);

        HttpResponse<byte[]> response = sis.client().post("/up", new Multipart().file("file", "test1.jpg", jpeg));

        assertThat(TestClient.text(response).replace(" ", ""))
                .isEqualTo("[{\"Name\":\"test1.jpg\",\"MD5\":\"" + md5Hex(jpeg) + "\"}]");
    }

    @Test
    void everyFileOfEveryFieldIsStoredAndAnsweredInPartOrder() {
        byte[] first = TestImages.jpeg(40, 30, 1);
        byte[] second = TestImages.png(30, 20);
        byte[] third = TestImages.gif(20, 10);
        byte[] fourth = TestImages.jpeg(40, 30, 4);
        Multipart body = new Multipart()
                .file("a", "first.jpg", first)
                .field("comment", "not a file: ignored")
                .file("b", "second.png", second)
                .file("a", "third.gif", third)
                .file("files[]", "fourth.jpg", fourth);

        HttpResponse<byte[]> response = sis.client().post("/up", body);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(entries(response)).containsExactly(
                new Entry("first.jpg", md5Hex(first)),
                new Entry("second.png", md5Hex(second)),
                new Entry("third.gif", md5Hex(third)),
                new Entry("fourth.jpg", md5Hex(fourth)));
        for (byte[] image : new byte[][] {first, second, third, fourth}) {
            assertThat(sis.client().get("/simple_down?md5=" + md5Hex(image)).body()).isEqualTo(image);
        }
    }

    @Test
    void uploadingTheSameContentAndNameAgainReturnsTheSameEntry() {
        byte[] jpeg = TestImages.jpeg(40, 30);
        Multipart body = new Multipart().file("file", "again.jpg", jpeg);

        HttpResponse<byte[]> first = sis.client().post("/up", body);
        HttpResponse<byte[]> second = sis.client().post("/up", body);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(entries(second)).isEqualTo(entries(first)).containsExactly(new Entry("again.jpg", md5Hex(jpeg)));
        assertThat(storedFiles(sis.server())).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "PUT", "DELETE", "PATCH"})
    void otherMethodsThanPostAreRefusedWith400(String method) {
        HttpResponse<byte[]> response = method.equals("GET")
                ? sis.client().get("/up")
                : sis.client().method(method, "/up", new byte[0]);

        assertText(response, 400, BAD_REQUEST);
        assertAllowsAnyOrigin(response);
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/x-www-form-urlencoded", "application/json", "text/plain",
            "multipart/mixed; boundary=abc", "multipart/form-data"})
    void aPostThatIsNotMultipartFormDataIsRefusedWith400(String contentType) {
        byte[] body = "file=whatever".getBytes(UTF_8);

        HttpResponse<byte[]> response = sis.client().method("POST", "/up", body, "Content-Type", contentType);

        assertText(response, 400, BAD_REQUEST);
        assertAllowsAnyOrigin(response);
    }

    @Test
    void aPostWithoutContentTypeIsRefusedWith400() {
        HttpResponse<byte[]> response = sis.client().method("POST", "/up", TestImages.jpeg(10, 10));

        assertText(response, 400, BAD_REQUEST);
        assertAllowsAnyOrigin(response);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "garbage without any boundary",
        "--bnd\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a.jpg\"\r\n\r\n\u00ff\u00d8\u00ff",
        "--bnd\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a.jpg\"\r\n",
        "--bnd\r\nNo-Colon-Here\r\n\r\nx\r\n--bnd--\r\n",
        "--bnd\r\nContent-Type: image/jpeg\r\n\r\nx\r\n--bnd--\r\n",
    })
    void aMalformedMultipartBodyIsRefusedWith400(String body) {
        HttpResponse<byte[]> response = sis.client().method("POST", "/up", body.getBytes(UTF_8),
                "Content-Type", "multipart/form-data; boundary=bnd");

        assertText(response, 400, BAD_REQUEST);
        assertAllowsAnyOrigin(response);
        assertThat(storedFiles(sis.server())).isEmpty();
    }

    @Test
    void aFileThatIsNotAnImageIsRefusedWith400AndNotStored() {
        byte[] text = "just some text, not an image\n".getBytes(UTF_8);

        HttpResponse<byte[]> response = sis.client().post("/up", new Multipart().file("file", "notes.jpg", text));

        assertText(response, 400, BAD_REQUEST);
        assertAllowsAnyOrigin(response);
        assertThat(sis.client().get("/simple_down?md5=" + md5Hex(text)).statusCode()).isEqualTo(404);
        assertThat(storedFiles(sis.server())).isEmpty();
    }

    @Test
    void anEmptyFileIsRefusedWith400ByDefault() {
        HttpResponse<byte[]> response = sis.client().post("/up", new Multipart().file("file", "empty.jpg", new byte[0]));

        assertText(response, 400, BAD_REQUEST);
        assertThat(storedFiles(sis.server())).isEmpty();
    }
}
