package dev.sis.http.legacy;

import static dev.sis.http.legacy.LegacyFixtures.assertEmpty404;
import static dev.sis.http.legacy.LegacyFixtures.param;
import static dev.sis.testing.TestImages.md5Hex;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.testing.Multipart;
import dev.sis.testing.SisServerExtension;
import dev.sis.testing.TestClient;
import dev.sis.testing.TestImages;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code /simple_down} and {@code /full_down}: answered like a static file, 404 with an empty
 * body for anything missing or malformed. Each test runs against a server with the memory
 * cache and one without, since the two serve the bytes from different places.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LegacyDownloadTest {
    private static final byte[] JPEG = TestImages.jpeg(64, 48, 11);
    private static final byte[] PNG_NAMED_JPG = TestImages.png(33, 21);
    private static final byte[] GIF_NAMED_PNG = TestImages.gif(19, 17);
    private static final byte[] JPEG_NAMED_GIF = TestImages.jpeg(20, 10, 12);
    private static final String ABSENT = "0123456789abcdef0123456789abcdef";

    enum Cache { ON, OFF }

    @RegisterExtension
    static final SisServerExtension cached = SisServerExtension.perClass();
    @RegisterExtension
    static final SisServerExtension uncached = SisServerExtension.perClass(LegacyFixtures::noCache);

    @BeforeAll
    void upload() {
        for (SisServerExtension sis : new SisServerExtension[] {cached, uncached}) {
            Multipart body = new Multipart()
                    .file("f", "photo.jpg", JPEG)
                    .file("f", "copy of photo.jpg", JPEG)
                    .file("f", "x.jpg", PNG_NAMED_JPG)
                    .file("f", "y.png", GIF_NAMED_PNG)
                    .file("f", "z.gif", JPEG_NAMED_GIF);
            assertThat(sis.client().post("/up", body).statusCode()).isEqualTo(200);
        }
    }

    private TestClient client(Cache cache) {
        return (cache == Cache.ON ? cached : uncached).client();
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    @ParameterizedTest
    @EnumSource(Cache.class)
    void simpleDownAnswersTheBytesLikeAStaticFile(Cache cache) {
        HttpResponse<byte[]> response = client(cache).get("/simple_down?md5=" + md5Hex(JPEG));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(JPEG);
        assertThat(header(response, "Content-Type")).isEqualTo("image/jpeg");
        assertThat(header(response, "Content-Length")).isEqualTo(Integer.toString(JPEG.length));
        assertThat(header(response, "Accept-Ranges")).isEqualTo("bytes");
        assertThat(header(response, "X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @ParameterizedTest
    @EnumSource(Cache.class)
    void fullDownAnswersTheBytesOfThatNameLikeAStaticFile(Cache cache) {
        for (String name : new String[] {"photo.jpg", "copy of photo.jpg"}) {
            HttpResponse<byte[]> response = client(cache).get(
                    "/full_down?md5=" + md5Hex(JPEG) + "&file_name=" + param(name));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo(JPEG);
            assertThat(header(response, "Content-Type")).isEqualTo("image/jpeg");
            assertThat(header(response, "Content-Length")).isEqualTo(Integer.toString(JPEG.length));
            assertThat(header(response, "Accept-Ranges")).isEqualTo("bytes");
            assertThat(header(response, "X-Content-Type-Options")).isEqualTo("nosniff");
        }
    }

    @ParameterizedTest
    @EnumSource(Cache.class)
    void theContentTypeComesFromTheContentNotTheName(Cache cache) {
        TestClient client = client(cache);
        String[][] cases = {
            {md5Hex(PNG_NAMED_JPG), "x.jpg", "image/png"},
            {md5Hex(GIF_NAMED_PNG), "y.png", "image/gif"},
            {md5Hex(JPEG_NAMED_GIF), "z.gif", "image/jpeg"},
        };
        for (String[] c : cases) {
            assertThat(header(client.get("/simple_down?md5=" + c[0]), "Content-Type")).as(c[1]).isEqualTo(c[2]);
            assertThat(header(client.get("/full_down?md5=" + c[0] + "&file_name=" + c[1]), "Content-Type"))
                    .as(c[1]).isEqualTo(c[2]);
        }
        assertThat(client.get("/simple_down?md5=" + md5Hex(PNG_NAMED_JPG)).body()).isEqualTo(PNG_NAMED_JPG);
    }

    @ParameterizedTest
    @EnumSource(Cache.class)
    void anUpperCaseMd5FindsTheFile(Cache cache) {
        String upper = md5Hex(JPEG).toUpperCase(Locale.ROOT);

        assertThat(client(cache).get("/simple_down?md5=" + upper).body()).isEqualTo(JPEG);
        assertThat(client(cache).get("/full_down?md5=" + upper + "&file_name=photo.jpg").body()).isEqualTo(JPEG);
    }

    @ParameterizedTest
    @EnumSource(Cache.class)
    void parametersInAUrlencodedFormBodyWork(Cache cache) {
        TestClient client = client(cache);
        String form = "application/x-www-form-urlencoded";

        HttpResponse<byte[]> simple = client.method("POST", "/simple_down",
                ("md5=" + md5Hex(JPEG)).getBytes(UTF_8), "Content-Type", form);
        HttpResponse<byte[]> full = client.method("POST", "/full_down",
                ("md5=" + md5Hex(JPEG) + "&file_name=" + param("copy of photo.jpg")).getBytes(UTF_8),
                "Content-Type", form);

        assertThat(simple.statusCode()).isEqualTo(200);
        assertThat(simple.body()).isEqualTo(JPEG);
        assertThat(full.statusCode()).isEqualTo(200);
        assertThat(full.body()).isEqualTo(JPEG);
    }

    @Test
    void aFormBodyParameterIsReadWhenTheUrlHasNone() {
        HttpResponse<byte[]> response = client(Cache.ON).method("POST", "/full_down?md5=" + md5Hex(JPEG),
                ("file_name=photo.jpg").getBytes(UTF_8), "Content-Type", "application/x-www-form-urlencoded");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(JPEG);
    }

    @ParameterizedTest
    @EnumSource(Cache.class)
    void aMissingFileIs404WithAnEmptyBody(Cache cache) {
        assertEmpty404(client(cache).get("/simple_down?md5=" + ABSENT));
        assertEmpty404(client(cache).get("/full_down?md5=" + ABSENT + "&file_name=photo.jpg"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"?md5=abc", "?md5=0123456789abcdef0123456789abcde", "?md5=0123456789abcdef0123456789abcdef0",
            "?md5=0123456789abcdef0123456789abcdeg", "?md5=", "", "?other=1", "?md5=..%2F..%2Fetc%2Fpasswd",
            "?md5=%200123456789abcdef0123456789abcde"})
    void aBadOrMissingMd5Is404WithAnEmptyBody(String query) {
        assertEmpty404(client(Cache.ON).get("/simple_down" + query));
        assertEmpty404(client(Cache.ON).get("/full_down" + query + (query.isEmpty() ? "?" : "&") + "file_name=photo.jpg"));
    }

    @ParameterizedTest
    @EnumSource(Cache.class)
    void fullDownWithAnotherNameIs404WithAnEmptyBody(Cache cache) {
        TestClient client = client(cache);
        String md5 = md5Hex(JPEG);

        assertEmpty404(client.get("/full_down?md5=" + md5 + "&file_name=other.jpg"));
        assertEmpty404(client.get("/full_down?md5=" + md5 + "&file_name=x.jpg"));
        assertEmpty404(client.get("/full_down?md5=" + md5 + "&file_name=PHOTO.JPG"));
        assertEmpty404(client.get("/full_down?md5=" + md5));
        assertEmpty404(client.get("/full_down?md5=" + md5 + "&file_name="));
    }

    @ParameterizedTest
    @ValueSource(strings = {"../x", "../photo.jpg", "..", ".", "a/photo.jpg", "src/photo.jpg", "a\\photo.jpg",
            "photo.jpg\u0000"})
    void fullDownWithAnInvalidNameIs404WithAnEmptyBody(String name) {
        assertEmpty404(client(Cache.OFF).get("/full_down?md5=" + md5Hex(JPEG) + "&file_name=" + param(name)));
    }

    @ParameterizedTest
    @EnumSource(Cache.class)
    void aByteRangeIsAnsweredWith206(Cache cache) {
        HttpResponse<byte[]> response = client(cache).get("/simple_down?md5=" + md5Hex(JPEG), "Range", "bytes=0-9");

        assertThat(response.statusCode()).isEqualTo(206);
        assertThat(header(response, "Content-Range")).isEqualTo("bytes 0-9/" + JPEG.length);
        assertThat(header(response, "Content-Length")).isEqualTo("10");
        assertThat(response.body()).isEqualTo(Arrays.copyOfRange(JPEG, 0, 10));
    }

    @ParameterizedTest
    @EnumSource(Cache.class)
    void aRangeInTheMiddleOfFullDownIsAnsweredWith206(Cache cache) {
        HttpResponse<byte[]> response = client(cache).get(
                "/full_down?md5=" + md5Hex(JPEG) + "&file_name=photo.jpg", "Range", "bytes=100-199");

        assertThat(response.statusCode()).isEqualTo(206);
        assertThat(header(response, "Content-Range")).isEqualTo("bytes 100-199/" + JPEG.length);
        assertThat(response.body()).isEqualTo(Arrays.copyOfRange(JPEG, 100, 200));
    }

    @ParameterizedTest
    @EnumSource(Cache.class)
    void aSuffixRangeGivesTheLastBytes(Cache cache) {
        int size = JPEG.length;

        HttpResponse<byte[]> response = client(cache).get("/simple_down?md5=" + md5Hex(JPEG), "Range", "bytes=-5");

        assertThat(response.statusCode()).isEqualTo(206);
        assertThat(header(response, "Content-Range")).isEqualTo("bytes " + (size - 5) + "-" + (size - 1) + "/" + size);
        assertThat(response.body()).isEqualTo(Arrays.copyOfRange(JPEG, size - 5, size));
    }

    @ParameterizedTest
    @EnumSource(Cache.class)
    void anOpenRangeGivesTheRestOfTheFile(Cache cache) {
        int size = JPEG.length;

        HttpResponse<byte[]> response = client(cache).get("/simple_down?md5=" + md5Hex(JPEG), "Range", "bytes=5-");

        assertThat(response.statusCode()).isEqualTo(206);
        assertThat(header(response, "Content-Range")).isEqualTo("bytes 5-" + (size - 1) + "/" + size);
        assertThat(header(response, "Content-Length")).isEqualTo(Integer.toString(size - 5));
        assertThat(response.body()).isEqualTo(Arrays.copyOfRange(JPEG, 5, size));
    }

    @ParameterizedTest
    @EnumSource(Cache.class)
    void aRangeStartingAtTheEndIsUnsatisfiable(Cache cache) {
        HttpResponse<byte[]> response = client(cache).get("/simple_down?md5=" + md5Hex(JPEG),
                "Range", "bytes=" + JPEG.length + "-");

        assertThat(response.statusCode()).isEqualTo(416);
        assertThat(header(response, "Content-Range")).isEqualTo("bytes */" + JPEG.length);
    }
}
