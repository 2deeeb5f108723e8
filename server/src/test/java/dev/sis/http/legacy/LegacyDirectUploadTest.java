package dev.sis.http.legacy;

import static dev.sis.http.legacy.LegacyFixtures.BAD_REQUEST;
import static dev.sis.http.legacy.LegacyFixtures.UPLOAD_DONE;
import static dev.sis.http.legacy.LegacyFixtures.assertAllowsAnyOrigin;
import static dev.sis.http.legacy.LegacyFixtures.assertEmpty404;
import static dev.sis.http.legacy.LegacyFixtures.assertText;
import static dev.sis.http.legacy.LegacyFixtures.stagingFiles;
import static dev.sis.http.legacy.LegacyFixtures.storedFiles;
import static dev.sis.testing.TestImages.md5Hex;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.testing.Multipart;
import dev.sis.testing.SisServerExtension;
import dev.sis.testing.TestClient;
import dev.sis.testing.TestImages;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code /derect_up}: one file part whose field name is its MD5, which the server checks. */
class LegacyDirectUploadTest {
    private static final byte[] JPEG = TestImages.jpeg(48, 32, 5);
    private static final byte[] OTHER = TestImages.jpeg(48, 32, 6);

    @RegisterExtension
    static final SisServerExtension sis = SisServerExtension.perTest();

    /** Through an agent (the agent topology gives it the internal token) /derect_up needs the token. */
    private static TestClient client() {
        String token = sis.server().config().security().internalToken();
        return token == null ? sis.client() : sis.client().withHeaders("Authorization", "Bearer " + token);
    }

    @Test
    void optionsAnswers204WithCorsHeadersAndNoBody() {
        HttpResponse<byte[]> response = client().method("OPTIONS", "/derect_up", new byte[0]);

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.headers().allValues("Access-Control-Allow-Method")).containsExactly("POST");
        assertAllowsAnyOrigin(response);
        assertThat(response.body()).isEmpty();
    }

    @Test
    void aFileWhoseFieldNameIsItsMd5IsStoredAndDownloadable() {
        String md5 = md5Hex(JPEG);

        HttpResponse<byte[]> response = client().post("/derect_up", new Multipart().file(md5, "agent.jpg", JPEG));

        assertText(response, 200, UPLOAD_DONE);
        assertThat(client().get("/simple_down?md5=" + md5).body()).isEqualTo(JPEG);
        assertThat(client().get("/full_down?md5=" + md5 + "&file_name=agent.jpg").body()).isEqualTo(JPEG);
        assertThat(stagingFiles(sis.server())).isEmpty();
    }

    @Test
    void sendingTheSameFileAgainIsNotAnError() {
        Multipart body = new Multipart().file(md5Hex(JPEG), "agent.jpg", JPEG);

        assertText(client().post("/derect_up", body), 200, UPLOAD_DONE);
        assertText(client().post("/derect_up", body), 200, UPLOAD_DONE);

        assertThat(storedFiles(sis.server())).hasSize(1);
    }

    @Test
    void aFieldNameThatIsAnotherFilesMd5IsRefusedAndNothingIsStored() {
        HttpResponse<byte[]> response = client().post("/derect_up", new Multipart().file(md5Hex(OTHER), "agent.jpg", JPEG));

        assertText(response, 400, BAD_REQUEST);
        assertEmpty404(client().get("/simple_down?md5=" + md5Hex(OTHER)));
        assertEmpty404(client().get("/simple_down?md5=" + md5Hex(JPEG)));
        assertThat(storedFiles(sis.server())).isEmpty();
        assertThat(stagingFiles(sis.server())).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"file", "", "abc", "0123456789abcdef0123456789abcdeg", "0123456789abcdef0123456789abcdef0"})
    void aFieldNameThatIsNotAnMd5IsRefusedWith400(String field) {
        HttpResponse<byte[]> response = client().post("/derect_up", new Multipart().file(field, "agent.jpg", JPEG));

        assertText(response, 400, BAD_REQUEST);
        assertThat(storedFiles(sis.server())).isEmpty();
    }

    @Test
    void aGetIsRefusedWith400() {
        assertText(client().get("/derect_up"), 400, BAD_REQUEST);
    }

    @Test
    void aPostThatIsNotMultipartIsRefusedWith400() {
        HttpResponse<byte[]> response = client().method("POST", "/derect_up",
                ("md5=" + md5Hex(JPEG)).getBytes(StandardCharsets.UTF_8),
                "Content-Type", "application/x-www-form-urlencoded");

        assertText(response, 400, BAD_REQUEST);
    }

    @Test
    void aMalformedMultipartBodyIsRefusedWith400() {
        HttpResponse<byte[]> response = client().method("POST", "/derect_up",
                "--bnd\r\nContent-Disposition: form-data\r\n\r\nx".getBytes(StandardCharsets.UTF_8),
                "Content-Type", "multipart/form-data; boundary=bnd");

        assertText(response, 400, BAD_REQUEST);
    }
}
