package dev.sis.http.v1;

import static dev.sis.http.v1.Answers.error;
import static dev.sis.http.v1.Answers.header;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sis.config.SisConfig;
import dev.sis.image.HeifFiles;
import dev.sis.testing.Multipart;
import dev.sis.testing.Prerequisite;
import dev.sis.testing.Requires;
import dev.sis.testing.TestImages;
import dev.sis.testing.TestServer;
import java.awt.image.BufferedImage;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * HEIC and AVIF uploads: kept and served as stored with their own Content-Type on both engines;
 * their variants made by libvips (JPEG by default for HEIC, which browsers cannot show) and
 * refused with a 415 naming libvips by the java engine; broken HEIF boxes refused, nothing stored.
 */
class V1HeifInputTest {
    @RegisterExtension
    final EngineServers servers = new EngineServers();

    @Test
    @Requires({Prerequisite.LIBVIPS, Prerequisite.IMAGEMAGICK})
    void aHeicUploadIsAnImageWhoseVariantIsAJpegByDefault() throws Exception {
        TestServer server = servers.start(SisConfig.EngineChoice.VIPS);
        byte[] heic = HeifFiles.heic(64, 48);

        JsonNode stored = Answers.put(server, "phone.heic", heic);
        String md5 = stored.get("md5").textValue();
        HttpResponse<byte[]> original = server.client().get("/v1/images/" + md5);
        HttpResponse<byte[]> variant = server.client().get("/v1/images/" + md5 + "?w=32");

        assertThat(stored.get("contentType").textValue()).isEqualTo("image/heic");
        assertThat(original.statusCode()).isEqualTo(200);
        assertThat(header(original, "Content-Type")).isEqualTo("image/heic");
        assertThat(original.body()).isEqualTo(heic);
        assertThat(variant.statusCode()).as(new String(variant.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(header(variant, "Content-Type")).isEqualTo("image/jpeg");
        BufferedImage decoded = TestImages.decode(variant.body());
        assertThat(decoded.getWidth() + "x" + decoded.getHeight()).isEqualTo("32x24");
        // ImageMagick (libheif) reads what was stored at the size the server read from its boxes
        assertThat(servers.decodedSize(original.body(), "o.heic")).isEqualTo("64x48");
    }

    @Test
    @Requires({Prerequisite.LIBVIPS, Prerequisite.IMAGEMAGICK})
    void anAvifUploadMakesAvifVariantsAndPngOnAsking() throws Exception {
        TestServer server = servers.start(SisConfig.EngineChoice.VIPS);
        byte[] avif = HeifFiles.avif(80, 40);
        String md5 = Answers.put(server, "a.avif", avif).get("md5").textValue();

        HttpResponse<byte[]> info = server.client().get("/v1/info/" + md5);
        HttpResponse<byte[]> variant = server.client().get("/v1/images/" + md5 + "?w=40");
        HttpResponse<byte[]> png = server.client().get("/v1/images/" + md5 + "?w=20&format=png");

        assertThat(Answers.json(info).toString()).contains("\"width\":80", "\"height\":40", "image/avif");
        assertThat(header(server.client().get("/v1/images/" + md5), "Content-Type")).isEqualTo("image/avif");
        assertThat(variant.statusCode()).as(new String(variant.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(header(variant, "Content-Type")).isEqualTo("image/avif");
        assertThat(servers.decodedSize(variant.body(), "v.avif")).isEqualTo("40x20");
        BufferedImage decodedPng = TestImages.decode(png.body());
        assertThat(decodedPng.getWidth() + "x" + decodedPng.getHeight()).isEqualTo("20x10");
    }

    @Test
    @Requires(Prerequisite.LIBVIPS)
    void theJavaEngineKeepsAndServesAHeicButRefusesItsVariantWithA415() {
        byte[] heic = HeifFiles.heic(64, 48);
        TestServer server = servers.start(SisConfig.EngineChoice.JAVA);
        String md5 = Answers.put(server, "phone.heic", heic).get("md5").textValue();

        String message = error(server.client().get("/v1/images/" + md5 + "?w=32"), 415);

        assertThat(message).contains("needs libvips");
        HttpResponse<byte[]> original = server.client().get("/v1/images/" + md5);
        assertThat(header(original, "Content-Type")).isEqualTo("image/heic");
        assertThat(original.body()).isEqualTo(heic);
    }

    @Test
    @Requires(Prerequisite.LIBVIPS)
    void aLegacyUploadOfAHeicIsKeptAndServedLikeAnyFile() {
        byte[] heic = HeifFiles.heic(64, 48);
        TestServer server = servers.start(SisConfig.EngineChoice.VIPS);
        String md5 = TestImages.md5Hex(heic);

        HttpResponse<byte[]> upload = server.client().post("/up", new Multipart().file("file", "IMG_0001.HEIC", heic));

        assertThat(upload.statusCode()).isEqualTo(200);
        assertThat(new String(upload.body(), StandardCharsets.UTF_8)).contains(md5);
        HttpResponse<byte[]> down = server.client().get("/full_down?md5=" + md5 + "&file_name=IMG_0001.HEIC");
        assertThat(down.body()).isEqualTo(heic);
        assertThat(header(down, "Content-Type")).isEqualTo("image/heic");
    }

    @Test
    @Requires(Prerequisite.LIBVIPS)
    void truncatedOrLyingHeifBoxesAreRefusedAndNothingIsStored() {
        TestServer server = servers.start(SisConfig.EngineChoice.VIPS);
        byte[] heic = HeifFiles.heic(64, 48);
        byte[] ftypOnly = Arrays.copyOf(heic, ByteBuffer.wrap(heic).getInt());
        byte[] hugeMeta = concat(ftypOnly, ByteBuffer.allocate(8).putInt(0x7FFF_FFFF).put("meta".getBytes(StandardCharsets.US_ASCII)).array());
        byte[] garbage = concat(ftypOnly, "this is not a box at all, only text".getBytes(StandardCharsets.US_ASCII));

        for (byte[] bad : new byte[][] {Arrays.copyOf(heic, 40), ftypOnly, hugeMeta, garbage}) {
            String message = error(server.client().put("/v1/images/bad.heic", bad), 415);
            assertThat(message).contains("HEIF header");
            Answers.assertNothingStored(server);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
