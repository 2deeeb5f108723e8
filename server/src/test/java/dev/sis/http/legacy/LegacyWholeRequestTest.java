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
import dev.sis.testing.SisServerExtension;
import dev.sis.testing.TestImages;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** (ours) A request is judged as a whole: when any part is refused, no part of it is stored. */
class LegacyWholeRequestTest {
    private static final byte[] FIRST = TestImages.jpeg(300, 200, 7);
    private static final byte[] OTHER = TestImages.png(30, 20);

    @RegisterExtension
    static final SisServerExtension sis = SisServerExtension.perTest();

    private void assertNothingStored() {
        assertEmpty404(sis.client().get("/simple_down?md5=" + md5Hex(FIRST)));
        assertEmpty404(sis.client().get("/full_down?md5=" + md5Hex(FIRST) + "&file_name=first.jpg"));
        assertThat(storedFiles(sis.server())).isEmpty();
        assertThat(stagingFiles(sis.server())).isEmpty();
    }

    @Test
    void aSecondPartWithABadNameStoresNothing() {
        Multipart body = new Multipart().file("a", "first.jpg", FIRST).file("b", "..", OTHER);

        assertText(sis.client().post("/up", body), 413, BAD_NAME);

        assertNothingStored();
    }

    @Test
    void aSecondPartWithATooLongNameStoresNothing() {
        Multipart body = new Multipart().file("a", "first.jpg", FIRST).file("a", "x".repeat(51), OTHER);

        assertText(sis.client().post("/up", body), 413, BAD_NAME);

        assertNothingStored();
    }

    @Test
    void aSecondPartThatIsNotAnImageStoresNothing() {
        byte[] text = "<html>not an image</html>".getBytes(UTF_8);
        Multipart body = new Multipart().file("a", "first.jpg", FIRST).file("a", "page.html", text);

        assertText(sis.client().post("/up", body), 400, BAD_REQUEST);

        assertNothingStored();
        assertEmpty404(sis.client().get("/simple_down?md5=" + md5Hex(text)));
    }

    @Test
    void aThirdPartRefusedAfterTwoGoodOnesStoresNothing() {
        Multipart body = new Multipart().file("a", "first.jpg", FIRST).file("a", "other.png", OTHER)
                .file("a", "empty.jpg", new byte[0]);

        assertText(sis.client().post("/up", body), 400, BAD_REQUEST);

        assertNothingStored();
        assertEmpty404(sis.client().get("/simple_down?md5=" + md5Hex(OTHER)));
    }

    @Test
    void aBodyCutOffAfterTheFirstPartStoresNothing() {
        byte[] whole = new Multipart().file("a", "first.jpg", FIRST).file("b", "other.png", OTHER).body();
        byte[] cut = java.util.Arrays.copyOf(whole, whole.length - OTHER.length / 2);

        HttpResponse<byte[]> response = sis.client().method("POST", "/up", cut,
                "Content-Type", new Multipart().contentType());

        assertText(response, 400, BAD_REQUEST);
        assertNothingStored();
    }

    @Test
    void aLaterRequestStillStoresTheFileARefusedRequestHeld() {
        sis.client().post("/up", new Multipart().file("a", "first.jpg", FIRST).file("b", "..", OTHER));

        HttpResponse<byte[]> response = sis.client().post("/up", new Multipart().file("a", "first.jpg", FIRST));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(sis.client().get("/full_down?md5=" + md5Hex(FIRST) + "&file_name=first.jpg").body()).isEqualTo(FIRST);
        assertThat(storedFiles(sis.server())).hasSize(1);
        assertThat(stagingFiles(sis.server())).isEmpty();
    }
}
