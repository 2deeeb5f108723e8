package dev.sis.http.legacy;

import static dev.sis.http.legacy.LegacyFixtures.BAD_NAME;
import static dev.sis.http.legacy.LegacyFixtures.assertAllowsAnyOrigin;
import static dev.sis.http.legacy.LegacyFixtures.assertEmpty404;
import static dev.sis.http.legacy.LegacyFixtures.assertText;
import static dev.sis.http.legacy.LegacyFixtures.entries;
import static dev.sis.http.legacy.LegacyFixtures.param;
import static dev.sis.http.legacy.LegacyFixtures.storedFiles;
import static dev.sis.testing.TestImages.md5Hex;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.http.legacy.LegacyFixtures.Entry;
import dev.sis.testing.Multipart;
import dev.sis.testing.SisServerExtension;
import dev.sis.testing.TestImages;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code /up}'s file-name rules: at most 50 UTF-8 bytes, a bare name, the directory part dropped. */
class LegacyFileNameTest {
    private static final byte[] JPEG = TestImages.jpeg(24, 16);

    @RegisterExtension
    static final SisServerExtension sis = SisServerExtension.perTest();

    private HttpResponse<byte[]> upload(String name) {
        return sis.client().post("/up", new Multipart().file("file", name, JPEG));
    }

    @Test
    void aNameOf50BytesIsAccepted() {
        String name = "n".repeat(46) + ".jpg";
        assertThat(name.getBytes(UTF_8)).hasSize(50);

        HttpResponse<byte[]> response = upload(name);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(entries(response)).containsExactly(new Entry(name, md5Hex(JPEG)));
        assertThat(sis.client().get("/full_down?md5=" + md5Hex(JPEG) + "&file_name=" + name).body()).isEqualTo(JPEG);
    }

    @Test
    void aMultibyteNameOf50BytesIsAccepted() {
        String name = "图".repeat(16) + "jp";
        assertThat(name.getBytes(UTF_8)).hasSize(50);

        HttpResponse<byte[]> response = upload(name);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(entries(response)).containsExactly(new Entry(name, md5Hex(JPEG)));
        assertThat(sis.client().get("/full_down?md5=" + md5Hex(JPEG) + "&file_name=" + param(name)).body()).isEqualTo(JPEG);
    }

    @Test
    void aNameOf51BytesIsRefusedWith413() {
        String name = "n".repeat(47) + ".jpg";
        assertThat(name.getBytes(UTF_8)).hasSize(51);

        HttpResponse<byte[]> response = upload(name);

        assertText(response, 413, BAD_NAME);
        assertAllowsAnyOrigin(response);
        assertThat(storedFiles(sis.server())).isEmpty();
    }

    @Test
    void aNameOf17ChineseCharactersIs51BytesAndRefusedWith413() {
        String name = "图".repeat(17);
        assertThat(name).hasSize(17);
        assertThat(name.getBytes(UTF_8)).hasSize(51);

        HttpResponse<byte[]> response = upload(name);

        assertText(response, 413, BAD_NAME);
        assertThat(storedFiles(sis.server())).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {".", "..", "", "/", "a\\b.jpg", "\\b.jpg", "a\u0000b.jpg", "a\u0001b.jpg", "a\u007fb.jpg",
            "tab\there.jpg", "x/.", "x/.."})
    void aNameThatIsNotABareFileNameIsRefusedWith413(String name) {
        HttpResponse<byte[]> response = upload(name);

        assertText(response, 413, BAD_NAME);
        assertAllowsAnyOrigin(response);
        assertThat(storedFiles(sis.server())).isEmpty();
        assertThat(sis.client().get("/simple_down?md5=" + md5Hex(JPEG)).statusCode()).isEqualTo(404);
    }

    @ParameterizedTest
    @CsvSource({"../x.jpg, x.jpg", "a/b/c.jpg, c.jpg", "/etc/passwd.jpg, passwd.jpg", "../../../../tmp/y.png, y.png"})
    void theDirectoryPartOfANameIsDropped(String sent, String kept) {
        HttpResponse<byte[]> response = upload(sent);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(entries(response)).containsExactly(new Entry(kept, md5Hex(JPEG)));
        assertThat(sis.client().get("/full_down?md5=" + md5Hex(JPEG) + "&file_name=" + kept).body()).isEqualTo(JPEG);
        assertEmpty404(sis.client().get("/full_down?md5=" + md5Hex(JPEG) + "&file_name=" + param(sent)));
        assertThat(storedFiles(sis.server())).singleElement()
                .satisfies(file -> assertThat(file.getFileName()).hasToString(kept))
                .satisfies(file -> assertThat(file.toAbsolutePath().normalize()).startsWith(sis.dataDir().toAbsolutePath()));
    }
}
