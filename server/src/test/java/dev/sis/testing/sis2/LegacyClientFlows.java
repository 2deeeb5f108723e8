package dev.sis.testing.sis2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.testing.Multipart;
import dev.sis.testing.TestImages;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * What sis 2.0's clients do with a node, each step with the answer sis 2.0 gave
 * (docs/api-legacy.md): upload one file and many (and one by its MD5), download by MD5 and by MD5 and name, stretch,
 * and ask with a bad MD5 or for a missing file. Run against any node, sis or sis 2.0, server or
 * agent: a mixed deployment must answer every step the same.
 */
public final class LegacyClientFlows {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();

    /** What one run uploaded, for checks of where it was stored. */
    public record Uploaded(byte[] single, String singleMd5, byte[] first, String firstMd5, byte[] second,
                           String secondMd5) {
    }

    private final String base;

    /** @param base the node's {@code http://host:port} */
    public LegacyClientFlows(String base) {
        this.base = base;
    }

    /** Runs every flow once, asserting each answer; {@code seed} keeps the images of separate runs apart. */
    public Uploaded run(long seed) throws IOException {
        byte[] single = TestImages.jpeg(120, 80, seed);
        String singleMd5 = TestImages.md5Hex(single);
        byte[] first = TestImages.encode(TestImages.picture(64, 48, seed + 1), "png");
        byte[] second = TestImages.encode(TestImages.picture(40, 30, seed + 2), "png");
        String firstMd5 = TestImages.md5Hex(first);
        String secondMd5 = TestImages.md5Hex(second);

        uploadOne(single, singleMd5);
        uploadMany(first, firstMd5, second, secondMd5);
        directUpload(TestImages.jpeg(30, 20, seed + 3));
        downloads(single, singleMd5);
        stretch(singleMd5, first, firstMd5);
        badMd5AndMissingFiles(singleMd5);
        return new Uploaded(single, singleMd5, first, firstMd5, second, secondMd5);
    }

    private void uploadOne(byte[] image, String md5) throws IOException {
        HttpResponse<byte[]> up = post("/up", new Multipart().file("file", "cat.jpg", image));
        assertThat(up.statusCode()).as("upload one").isEqualTo(200);
        assertThat(text(up)).isEqualTo("[{\"Name\":\"cat.jpg\",\"MD5\":\"" + md5 + "\"}]");
        assertThat(up.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
    }

    private void uploadMany(byte[] first, String firstMd5, byte[] second, String secondMd5) throws IOException {
        HttpResponse<byte[]> up = post("/up", new Multipart().file("a", "one.png", first).file("b", "two.png", second));
        assertThat(up.statusCode()).as("upload many").isEqualTo(200);
        assertThat(text(up)).isEqualTo("[{\"Name\":\"one.png\",\"MD5\":\"" + firstMd5 + "\"},"
                + "{\"Name\":\"two.png\",\"MD5\":\"" + secondMd5 + "\"}]");
        assertThat(get("/full_down?md5=" + secondMd5 + "&file_name=two.png").body()).isEqualTo(second);
    }

    /** {@code /derect_up}, as agents and some scripts use it: the part's field name is the MD5. */
    private void directUpload(byte[] image) throws IOException {
        String md5 = TestImages.md5Hex(image);
        HttpResponse<byte[]> up = post("/derect_up", new Multipart().file(md5, "direct.jpg", image));
        assertThat(up.statusCode()).as("direct upload").isEqualTo(200);
        assertThat(text(up)).isEqualTo("上传完成");
        assertThat(get("/full_down?md5=" + md5 + "&file_name=direct.jpg").body()).isEqualTo(image);
    }

    private void downloads(byte[] image, String md5) throws IOException {
        HttpResponse<byte[]> byMd5 = get("/simple_down?md5=" + md5);
        assertThat(byMd5.statusCode()).as("download by MD5").isEqualTo(200);
        assertThat(byMd5.body()).isEqualTo(image);
        assertThat(byMd5.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(byMd5.headers().firstValue("Accept-Ranges")).hasValue("bytes");

        HttpResponse<byte[]> byName = get("/full_down?md5=" + md5 + "&file_name=cat.jpg");
        assertThat(byName.statusCode()).as("download by MD5 and name").isEqualTo(200);
        assertThat(byName.body()).isEqualTo(image);

        HttpResponse<byte[]> range = send(HttpRequest.newBuilder(URI.create(base + "/full_down?md5=" + md5
                + "&file_name=cat.jpg")).header("Range", "bytes=10-19").GET().build());
        assertThat(range.statusCode()).as("a byte range").isEqualTo(206);
        assertThat(range.body()).isEqualTo(java.util.Arrays.copyOfRange(image, 10, 20));
    }

    private void stretch(String jpegMd5, byte[] png, String pngMd5) throws IOException {
        HttpResponse<byte[]> stretched = get("/stretch_simple_down?md5=" + jpegMd5 + "&w=30&h=50");
        assertThat(stretched.statusCode()).as("stretch by MD5").isEqualTo(200);
        BufferedImage image = TestImages.decode(stretched.body());
        assertThat(new int[] {image.getWidth(), image.getHeight()}).containsExactly(30, 50);
        assertThat(stretched.headers().firstValue("Content-Type")).hasValue("image/jpeg");

        HttpResponse<byte[]> named = get("/stretch_full_down?md5=" + pngMd5 + "&file_name=one.png&w=16&h=16");
        assertThat(named.statusCode()).as("stretch by MD5 and name").isEqualTo(200);
        BufferedImage square = TestImages.decode(named.body());
        assertThat(new int[] {square.getWidth(), square.getHeight()}).containsExactly(16, 16);
        assertThat(png).isNotEqualTo(named.body());

        assertEmpty404(get("/stretch_simple_down?md5=" + jpegMd5 + "&w=4&h=50"), "a stretch below 5 pixels");
    }

    private void badMd5AndMissingFiles(String md5) throws IOException {
        String missing = "0123456789abcdef0123456789abcdef";
        assertEmpty404(get("/simple_down?md5=not-an-md5"), "a bad MD5");
        assertEmpty404(get("/full_down?md5=xyz&file_name=cat.jpg"), "a bad MD5 with a name");
        assertEmpty404(get("/simple_down?md5=" + missing), "a missing file");
        assertEmpty404(get("/full_down?md5=" + missing + "&file_name=cat.jpg"), "a missing file by name");
        assertEmpty404(get("/full_down?md5=" + md5 + "&file_name=dog.jpg"), "a name that is not stored");
        assertEmpty404(get("/stretch_simple_down?md5=" + missing + "&w=10&h=10"), "a stretch of a missing file");
    }

    private static void assertEmpty404(HttpResponse<byte[]> response, String what) {
        assertThat(response.statusCode()).as(what).isEqualTo(404);
        assertThat(response.body()).as(what).isEmpty();
    }

    /** A GET of {@code pathAndQuery} on the node. */
    public HttpResponse<byte[]> get(String pathAndQuery) throws IOException {
        return send(HttpRequest.newBuilder(URI.create(base + pathAndQuery)).GET().build());
    }

    /** A multipart POST, as a browser's form or sis 2.0's clients send one. */
    public HttpResponse<byte[]> post(String path, Multipart body) throws IOException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", body.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.body())).build());
    }

    /** Any request to the node. */
    public HttpResponse<byte[]> send(HttpRequest request) throws IOException {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    public static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }
}
