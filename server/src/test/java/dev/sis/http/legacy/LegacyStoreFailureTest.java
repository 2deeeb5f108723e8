package dev.sis.http.legacy;

import static dev.sis.http.legacy.LegacyFixtures.UPLOAD_DONE;
import static dev.sis.http.legacy.LegacyFixtures.assertAllowsAnyOrigin;
import static dev.sis.http.legacy.LegacyFixtures.assertText;
import static dev.sis.http.legacy.LegacyFixtures.stagingFiles;
import static dev.sis.testing.TestImages.md5Hex;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.testing.Multipart;
import dev.sis.testing.SisServerExtension;
import dev.sis.testing.TestImages;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The store failing: {@code 500 创建文件失败}. The failure is made by putting a plain file where
 * the image's directory must go (permissions cannot be relied on: tests may run as root).
 *
 * <p>Server only: it breaks the local store's directory. Through an agent, the same failure
 * on the server is an upstream failure, answered 502 (see UpstreamFailureTest).
 */
@Tag("server-only")
class LegacyStoreFailureTest {
    private static final String STORE_FAILED = "创建文件失败";
    private static final byte[] JPEG = TestImages.jpeg(30, 20, 77);
    private static final byte[] OTHER = TestImages.jpeg(30, 20, 78);

    @RegisterExtension
    static final SisServerExtension sis = SisServerExtension.perTest();

    @BeforeEach
    void prepare() throws IOException {
        String md5 = md5Hex(JPEG);
        Path imageDir = sis.dataDir().resolve(md5.substring(0, 2)).resolve(md5.substring(2, 4)).resolve(md5);
        Files.createDirectories(imageDir.getParent());
        Files.writeString(imageDir, "a file where a directory must go");
    }

    @Test
    void aStoreFailureOnUpIsAnswered500WithCors() {
        HttpResponse<byte[]> response = sis.client().post("/up", new Multipart().file("file", "a.jpg", JPEG));

        assertText(response, 500, STORE_FAILED);
        assertAllowsAnyOrigin(response);
        assertThat(stagingFiles(sis.server())).isEmpty();
    }

    @Test
    void aStoreFailureOnDerectUpIsAnswered500() {
        HttpResponse<byte[]> response = sis.client().post("/derect_up", new Multipart().file(md5Hex(JPEG), "a.jpg", JPEG));

        assertText(response, 500, STORE_FAILED);
        assertThat(stagingFiles(sis.server())).isEmpty();
    }

    @Test
    void otherFilesAreStillStoredAfterAFailure() {
        sis.client().post("/up", new Multipart().file("file", "a.jpg", JPEG));

        HttpResponse<byte[]> response = sis.client().post("/derect_up", new Multipart().file(md5Hex(OTHER), "b.jpg", OTHER));

        assertText(response, 200, UPLOAD_DONE);
        assertThat(sis.client().get("/simple_down?md5=" + md5Hex(OTHER)).body()).isEqualTo(OTHER);
    }
}
