package dev.sis.http.legacy;

import static dev.sis.http.legacy.LegacyFixtures.assertEmpty404;
import static dev.sis.http.legacy.LegacyFixtures.entries;
import static dev.sis.testing.TestImages.md5Hex;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.http.legacy.LegacyFixtures.Entry;
import dev.sis.testing.Multipart;
import dev.sis.testing.SisServerExtension;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** sis 2.0's store-anything behaviour, restored by a setting: any file is kept but never served as a page. */
class LegacyAcceptAnyFileTest {
    private static final byte[] PAGE = "<html><script>alert(1)</script></html>\n".getBytes(UTF_8);

    @RegisterExtension
    static final SisServerExtension sis = SisServerExtension.perClass(LegacyFixtures::acceptAnyFile);

    @Test
    void aTextFileIsStoredAndServedAsOctetStream() {
        HttpResponse<byte[]> upload = sis.client().post("/up", new Multipart().file("file", "page.html", PAGE));

        assertThat(upload.statusCode()).isEqualTo(200);
        assertThat(entries(upload)).containsExactly(new Entry("page.html", md5Hex(PAGE)));
        for (String path : new String[] {"/simple_down?md5=" + md5Hex(PAGE),
                "/full_down?md5=" + md5Hex(PAGE) + "&file_name=page.html"}) {
            HttpResponse<byte[]> download = sis.client().get(path);
            assertThat(download.statusCode()).isEqualTo(200);
            assertThat(download.body()).isEqualTo(PAGE);
            assertThat(download.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
            assertThat(download.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        }
    }

    @Test
    void aStoredFileThatIsNotAnImageCannotBeStretched() {
        assertThat(sis.client().post("/up", new Multipart().file("file", "page.jpg", PAGE)).statusCode()).isEqualTo(200);

        assertEmpty404(sis.client().get("/stretch_simple_down?md5=" + md5Hex(PAGE) + "&w=10&h=10"));
        assertEmpty404(sis.client().get("/stretch_full_down?md5=" + md5Hex(PAGE) + "&file_name=page.jpg&w=10&h=10"));
    }
}
