package dev.sis.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.testing.ImageFiles;
import dev.sis.testing.TestImages;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A profile is found where each format keeps one, and only there: the tag's letters elsewhere in
 * the file (a comment, a text chunk) are no profile. The old search of the first 64 KiB as text
 * took them for one.
 */
class EmbeddedIccTest {
    private static final byte[] JPEG = TestImages.jpeg(40, 30);
    private static final byte[] PNG = TestImages.png(40, 30);
    private static final byte[] PROFILE = IccProfiles.adobeRgbPrimaries();

    @Test
    void aJpegsProfileIsItsApp2SegmentNotTheTagInAComment() {
        assertThat(EmbeddedIcc.present(ImageFormat.JPEG, JPEG)).isFalse();
        assertThat(EmbeddedIcc.present(ImageFormat.JPEG, ImageFiles.withIccProfile(JPEG, PROFILE))).isTrue();
        assertThat(EmbeddedIcc.present(ImageFormat.JPEG, ImageFiles.withComment(JPEG, "ICC_PROFILE\0 iCCP ICCP"))).isFalse();
    }

    @Test
    void aJpegsSrgbProfileNeedsNoConversion() {
        assertThat(EmbeddedIcc.toConvert(ImageFormat.JPEG, ImageFiles.withIccProfile(JPEG, IccProfiles.renamedSrgb())))
                .isFalse();
        assertThat(EmbeddedIcc.toConvert(ImageFormat.JPEG, ImageFiles.withIccProfile(JPEG, PROFILE))).isTrue();
        assertThat(EmbeddedIcc.toConvert(ImageFormat.JPEG, JPEG)).isFalse();
    }

    @Test
    void aPngsProfileIsItsIccpChunkNotTheTagInAText() {
        assertThat(EmbeddedIcc.present(ImageFormat.PNG, PNG)).isFalse();
        assertThat(EmbeddedIcc.present(ImageFormat.PNG, ImageFiles.withPngIccProfile(PNG, PROFILE))).isTrue();
        assertThat(EmbeddedIcc.toConvert(ImageFormat.PNG, ImageFiles.withPngIccProfile(PNG, PROFILE))).isTrue();
        byte[] text = "Comment\0iCCP ICCP ICC_PROFILE\0".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(EmbeddedIcc.present(ImageFormat.PNG, ImageFiles.withPngChunk(PNG, "tEXt", text))).isFalse();
    }

    @Test
    void aWebpsProfileIsItsIccpChunk() {
        byte[] vp8x = new byte[10];
        byte[] bitstream = "VP8 ICCP".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(EmbeddedIcc.present(ImageFormat.WEBP, webp(chunk("VP8X", vp8x), chunk("ICCP", PROFILE),
                chunk("VP8 ", bitstream)))).isTrue();
        assertThat(EmbeddedIcc.present(ImageFormat.WEBP, webp(chunk("VP8X", vp8x), chunk("VP8 ", bitstream))))
                .as("the letters in the bitstream").isFalse();
    }

    @Test
    void aHeifsProfileIsAColrBoxOfAProfileKind() {
        assertThat(EmbeddedIcc.present(ImageFormat.HEIC, box("colr", "prof"))).isTrue();
        assertThat(EmbeddedIcc.present(ImageFormat.HEIC, box("colr", "rICC"))).isTrue();
        assertThat(EmbeddedIcc.present(ImageFormat.HEIC, box("colr", "nclx"))).as("colours by numbers").isFalse();
    }

    @Test
    void aGifNeverCounts() {
        assertThat(EmbeddedIcc.present(ImageFormat.GIF, "GIF89a ICC_PROFILE\0 ICCP".getBytes(StandardCharsets.ISO_8859_1)))
                .isFalse();
    }

    private static byte[] webp(byte[]... chunks) {
        byte[] body = ImageFiles.concat(chunks);
        ByteBuffer header = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        header.put("RIFF".getBytes(StandardCharsets.ISO_8859_1)).putInt(4 + body.length)
                .put("WEBP".getBytes(StandardCharsets.ISO_8859_1));
        return ImageFiles.concat(header.array(), body);
    }

    private static byte[] chunk(String type, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(8 + data.length + (data.length & 1)).order(ByteOrder.LITTLE_ENDIAN);
        return b.put(type.getBytes(StandardCharsets.ISO_8859_1)).putInt(data.length).put(data).array();
    }

    /** A HEIF-like file holding a {@code colr} box of {@code kind} amid other boxes. */
    private static byte[] box(String type, String kind) {
        byte[] ftyp = "\0\0\0\u0018ftypheic\0\0\0\0mif1heic".getBytes(StandardCharsets.ISO_8859_1);
        byte[] colr = ("\0\0\0\u0010" + type + kind + "\0\0\0\0").getBytes(StandardCharsets.ISO_8859_1);
        return ImageFiles.concat(ftyp, colr);
    }
}
