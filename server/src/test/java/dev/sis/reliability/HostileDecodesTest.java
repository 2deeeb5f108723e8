package dev.sis.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.testing.HostileImages;
import dev.sis.testing.ImageFiles;
import dev.sis.testing.TestClient;
import dev.sis.testing.TestImages;
import dev.sis.testing.TestServer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files made to cost a decoder far more than their size, against a real server (both engines:
 * the build runs this class again with libvips): refused from their structure before a pixel is
 * decoded (422; legacy 404).
 */
@Tag("server-only")
class HostileDecodesTest {
    @TempDir
    Path dataDir;

    @Test
    void aJpegWithThousandsOfScansIsRefusedBeforeItIsDecoded() {
        byte[] bomb = HostileImages.progressiveJpegScanBomb(7000, 7000, 1_000);
        try (TestServer server = TestServer.start(dataDir)) {
            String md5 = upload(server, "bomb.jpg", bomb);

            assertRefused(server, md5, "the JPEG has more than 100 scans");
        }
    }

    @Test
    void aPngWithManyCompressedTextChunksIsRefusedBeforeItIsDecoded() {
        byte[] bomb = HostileImages.pngWithTextChunks(20, 1_000_000);
        try (TestServer server = TestServer.start(dataDir)) {
            String md5 = upload(server, "text.png", bomb);

            assertRefused(server, md5, "more than 8 compressed text or profile chunks");
        }
    }

    @Test
    void aPngWithHundredsOfAncillaryChunksIsRefused() {
        byte[] png = TestImages.png(64, 48);
        for (int i = 0; i < 300; i++) {
            png = ImageFiles.withPngChunk(png, "tEXt", ("Comment\0line " + i).getBytes(StandardCharsets.ISO_8859_1));
        }
        try (TestServer server = TestServer.start(dataDir)) {
            String md5 = upload(server, "chunks.png", png);

            assertRefused(server, md5, "more than 256 ancillary chunks");
        }
    }

    @Test
    void ordinaryProgressiveJpegsAndPngsWithTextAndAProfileAreServed() {
        byte[] progressive = ImageFiles.jpeg(TestImages.picture(640, 480, 3), "4:2:0", true);
        byte[] png = HostileImages.pngWithTextChunks(3, 10_000);
        png = ImageFiles.withPngIccProfile(png, java.awt.color.ICC_Profile.getInstance(java.awt.color.ColorSpace.CS_sRGB).getData());
        try (TestServer server = TestServer.start(dataDir)) {
            for (byte[] file : List.of(progressive, png)) {
                String md5 = upload(server, file == png ? "text.png" : "progressive.jpg", file);
                HttpResponse<byte[]> variant = server.client().get("/v1/images/" + md5 + "?w=100");
                assertThat(variant.statusCode()).as(TestClient.text(variant)).isEqualTo(200);
                assertThat(TestImages.decode(variant.body()).getWidth()).isEqualTo(100);
            }
        }
    }

    private static String upload(TestServer server, String name, byte[] file) {
        assertThat(server.client().put("/v1/images/" + name, file).statusCode()).isEqualTo(201);
        return TestImages.md5Hex(file);
    }

    /** 422 with the reason on /v1, sis 2.0's empty 404 on the legacy routes. */
    private static void assertRefused(TestServer server, String md5, String reason) {
        HttpResponse<byte[]> v1 = server.client().get("/v1/images/" + md5 + "?w=100");
        assertThat(v1.statusCode()).as(TestClient.text(v1)).isEqualTo(422);
        assertThat(TestClient.text(v1)).contains(reason);
        HttpResponse<byte[]> legacy = server.client().get("/stretch_simple_down?md5=" + md5 + "&w=100&h=100");
        assertThat(legacy.statusCode()).isEqualTo(404);
        assertThat(legacy.body()).isEmpty();
    }
}
