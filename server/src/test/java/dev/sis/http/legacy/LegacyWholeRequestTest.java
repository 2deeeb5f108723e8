package dev.sis.http.legacy;

import static dev.sis.http.legacy.LegacyFixtures.BAD_NAME;
import static dev.sis.http.legacy.LegacyFixtures.BAD_REQUEST;
import static dev.sis.http.legacy.LegacyFixtures.assertEmpty404;
import static dev.sis.http.legacy.LegacyFixtures.assertText;
import static dev.sis.http.legacy.LegacyFixtures.stagingFiles;
import static dev.sis.http.legacy.LegacyFixtures.storedFiles;
import static dev.sis.testing.TestImages.md5Hex;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.testing.Multipart;
import dev.sis.testing.TestClient;
import dev.sis.testing.TestImages;
import dev.sis.testing.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** (ours) A request is judged as a whole: when any part is refused, no part of it is stored. */
class LegacyWholeRequestTest {
    private static final byte[] FIRST = TestImages.jpeg(300, 200, 7);
    private static final byte[] OTHER = TestImages.png(30, 20);

    @TempDir
    Path dir;
    private TestServer server;
    private TestClient client;

    @BeforeEach
    void start() {
        server = TestServer.start(dir);
        client = server.client();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private void assertNothingStored() {
        assertEmpty404(client.get("/simple_down?md5=" + md5Hex(FIRST)));
        assertEmpty404(client.get("/full_down?md5=" + md5Hex(FIRST) + "&file_name=first.jpg"));
        assertThat(storedFiles(server)).isEmpty();
        assertThat(stagingFiles(server)).isEmpty();
    }

    @Test
    void aSecondPartWithABadNameStoresNothing() {
        Multipart body = new Multipart().file("a", "first.jpg", FIRST).file("b", "..", OTHER);

        assertText(client.post("/up", body), 413, BAD_NAME);

        assertNothingStored();
    }

    @Test
    void aSecondPartWithATooLongNameStoresNothing() {
        Multipart body = new Multipart().file("a", "first.jpg", FIRST).file("a", "x".repeat(51), OTHER);

        assertText(client.post("/up", body), 413, BAD_NAME);

        assertNothingStored();
    }

    @Test
    void aSecondPartThatIsNotAnImageStoresNothing() {
        byte[] text = "<html>not an image</html>".getBytes(UTF_8);
        Multipart body = new Multipart().file("a", "first.jpg", FIRST).file("a", "page.html", text);

        assertText(client.post("/up", body), 400, BAD_REQUEST);

        assertNothingStored();
        assertEmpty404(client.get("/simple_down?md5=" + md5Hex(text)));
    }

    @Test
    void aThirdPartRefusedAfterTwoGoodOnesStoresNothing() {
        Multipart body = new Multipart().file("a", "first.jpg", FIRST).file("a", "other.png", OTHER)
                .file("a", "empty.jpg", new byte[0]);

        assertText(client.post("/up", body), 400, BAD_REQUEST);

        assertNothingStored();
        assertEmpty404(client.get("/simple_down?md5=" + md5Hex(OTHER)));
    }

    @Test
    void aBodyCutOffAfterTheFirstPartStoresNothing() {
        byte[] whole = new Multipart().file("a", "first.jpg", FIRST).file("b", "other.png", OTHER).body();
        byte[] cut = java.util.Arrays.copyOf(whole, whole.length - OTHER.length / 2);

        HttpResponse<byte[]> response = client.method("POST", "/up", cut,
                "Content-Type", new Multipart().contentType());

        assertText(response, 400, BAD_REQUEST);
        assertNothingStored();
    }

    @Test
    void aLaterRequestStillStoresTheFileARefusedRequestHeld() {
        client.post("/up", new Multipart().file("a", "first.jpg", FIRST).file("b", "..", OTHER));

        HttpResponse<byte[]> response = client.post("/up", new Multipart().file("a", "first.jpg", FIRST));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(client.get("/full_down?md5=" + md5Hex(FIRST) + "&file_name=first.jpg").body()).isEqualTo(FIRST);
        assertThat(storedFiles(server)).hasSize(1);
        assertThat(stagingFiles(server)).isEmpty();
    }
}
