package dev.sis.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sis.errors.UnsupportedImageException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * {@link HeifHeader} on HEIF files built box by box here, so that each case is exactly the
 * structure it names: the primary item's size and turn, and hostile structures refused.
 */
class HeifHeaderTest {

    @Test
    void readsThePrimaryItemsSizeNotAnotherItems() throws IOException {
        // item 1 (a thumbnail) is 16x9; item 2, the primary, is 4032x3024
        byte[] file = file("heic", meta(2, ipco(ispe(16, 9), ispe(4032, 3024)), ipma(new int[] {1, 1}, new int[] {2, 2})));

        HeifHeader.Size size = HeifHeader.read(new ByteArrayInputStream(file));

        assertThat(size.width()).isEqualTo(4032);
        assertThat(size.height()).isEqualTo(3024);
        assertThat(size.orientation()).isEqualTo(Orientation.NORMAL);
    }

    @Test
    void aQuarterTurnSwapsTheDisplayedSize() throws IOException {
        byte[] file = file("heic", meta(1, ipco(ispe(400, 300), irot(1)), ipma(new int[] {1, 1, 2})));

        HeifHeader.Size size = HeifHeader.read(new ByteArrayInputStream(file));

        assertThat(size.quarterTurns()).isEqualTo(1);
        assertThat(size.orientation().displayedWidth(size.width(), size.height())).isEqualTo(300);
        assertThat(size.orientation().displayedHeight(size.width(), size.height())).isEqualTo(400);
    }

    @Test
    void aMirrorAloneKeepsTheSize() throws IOException {
        byte[] file = file("heic", meta(1, ipco(ispe(400, 300), box("imir", new byte[] {1})), ipma(new int[] {1, 1, 2})));

        HeifHeader.Size size = HeifHeader.read(new ByteArrayInputStream(file));

        assertThat(size.mirrored()).isTrue();
        assertThat(size.orientation().swapsAxes()).isFalse();
    }

    @Test
    void aMetaBoxAfterTheMediaDataIsFound() throws IOException {
        byte[] ftyp = ftyp("avif");
        byte[] mdat = box("mdat", new byte[5000]);
        byte[] meta = meta(1, ipco(ispe(64, 48)), ipma(new int[] {1, 1}));

        HeifHeader.Size size = HeifHeader.read(new ByteArrayInputStream(concat(ftyp, mdat, meta)));

        assertThat(size.width()).isEqualTo(64);
    }

    @Test
    void everyTruncationIsRefusedAsUnreadable() {
        byte[] whole = file("heic", meta(1, ipco(ispe(64, 48)), ipma(new int[] {1, 1})));
        for (int length = 0; length < whole.length; length++) {
            byte[] cut = Arrays.copyOf(whole, length);
            assertThatThrownBy(() -> HeifHeader.read(new ByteArrayInputStream(cut)))
                    .as("cut at %d", length)
                    .isInstanceOf(UnsupportedImageException.class)
                    .hasMessageStartingWith("the HEIF header is not readable");
        }
    }

    @Test
    void aHugeDeclaredMetaIsRefusedWithoutReadingIt() {
        byte[] meta = ByteBuffer.allocate(8).putInt(Integer.MAX_VALUE).put(ascii("meta")).array();

        assertThatThrownBy(() -> HeifHeader.read(new ByteArrayInputStream(concat(ftyp("heic"), meta))))
                .isInstanceOf(UnsupportedImageException.class)
                .hasMessageContaining("over the");
    }

    @Test
    void aChildLargerThanItsParentIsRefused() {
        byte[] lying = ByteBuffer.allocate(12).putInt(1_000_000).put(ascii("iprp")).putInt(0).array();
        byte[] meta = box("meta", concat(new byte[4], lying));

        assertThatThrownBy(() -> HeifHeader.read(new ByteArrayInputStream(concat(ftyp("heic"), meta))))
                .isInstanceOf(UnsupportedImageException.class)
                .hasMessageContaining("more than holds it");
    }

    @Test
    void aBoxOfSizeZeroInsideMetaEndsTheWalkInsteadOfLooping() {
        byte[] zero = ByteBuffer.allocate(8).putInt(0).put(ascii("free")).array();
        byte[] meta = box("meta", concat(new byte[4], zero, zero, zero));

        assertThatThrownBy(() -> HeifHeader.read(new ByteArrayInputStream(concat(ftyp("heic"), meta))))
                .isInstanceOf(UnsupportedImageException.class)
                .hasMessageContaining("no primary item");
    }

    @Test
    void tooManyBoxesBeforeMetaAreRefused() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ftyp("heic"));
        for (int i = 0; i < HeifHeader.MAX_TOP_LEVEL_BOXES; i++) {
            out.writeBytes(box("free", new byte[0]));
        }
        out.writeBytes(meta(1, ipco(ispe(64, 48)), ipma(new int[] {1, 1})));

        assertThatThrownBy(() -> HeifHeader.read(new ByteArrayInputStream(out.toByteArray())))
                .isInstanceOf(UnsupportedImageException.class)
                .hasMessageContaining("no meta box in its first");
    }

    @Test
    void anIpmaThatClaimsMillionsOfEntriesIsRefused() {
        byte[] ipma = fullBox("ipma", 0, 0, ByteBuffer.allocate(4).putInt(50_000_000).array());
        byte[] file = file("heic", meta(1, ipco(ispe(64, 48)), ipma));

        assertThatThrownBy(() -> HeifHeader.read(new ByteArrayInputStream(file)))
                .isInstanceOf(UnsupportedImageException.class);
    }

    @Test
    void aPrimaryItemWithoutASizeIsRefused() {
        byte[] file = file("heic", meta(1, ipco(ispe(64, 48)), ipma(new int[] {7, 1})));

        assertThatThrownBy(() -> HeifHeader.read(new ByteArrayInputStream(file)))
                .isInstanceOf(UnsupportedImageException.class)
                .hasMessageContaining("no size");
    }

    @Test
    void theBrandsNameTheFormat() {
        assertThat(sniff(ftyp("heic"))).contains(ImageFormat.HEIC);
        assertThat(sniff(ftyp("avif"))).contains(ImageFormat.AVIF);
        assertThat(sniff(ftyp("mif1", "avif"))).contains(ImageFormat.AVIF);
        assertThat(sniff(ftyp("mif1", "heic"))).contains(ImageFormat.HEIC);
        assertThat(sniff(ftyp("mif1", "miaf"))).contains(ImageFormat.HEIF);
        assertThat(sniff(ftyp("isom", "mp41"))).as("a video").isEmpty();
    }

    private static java.util.Optional<ImageFormat> sniff(byte[] head) {
        return ImageFormat.sniff(head, head.length);
    }

    // --- boxes, as ISO/IEC 14496-12 lays them out ---

    static byte[] file(String brand, byte[] meta) {
        return concat(ftyp(brand), meta);
    }

    static byte[] ftyp(String major, String... compatible) {
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        payload.writeBytes(ascii(major));
        payload.writeBytes(new byte[4]);
        for (String brand : compatible) {
            payload.writeBytes(ascii(brand));
        }
        return box("ftyp", payload.toByteArray());
    }

    static byte[] meta(int primary, byte[] ipco, byte[] ipma) {
        byte[] pitm = fullBox("pitm", 0, 0, ByteBuffer.allocate(2).putShort((short) primary).array());
        byte[] hdlr = fullBox("hdlr", 0, 0, concat(new byte[4], ascii("pict"), new byte[13]));
        return fullBox("meta", 0, 0, concat(hdlr, pitm, box("iprp", concat(ipco, ipma))));
    }

    static byte[] ipco(byte[]... properties) {
        return box("ipco", concat(properties));
    }

    static byte[] ispe(int width, int height) {
        return fullBox("ispe", 0, 0, ByteBuffer.allocate(8).putInt(width).putInt(height).array());
    }

    static byte[] irot(int quarterTurns) {
        return box("irot", new byte[] {(byte) quarterTurns});
    }

    /** Each entry: item id, then the indexes (from 1) of its properties. */
    static byte[] ipma(int[]... entries) {
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        payload.writeBytes(ByteBuffer.allocate(4).putInt(entries.length).array());
        for (int[] entry : entries) {
            payload.writeBytes(ByteBuffer.allocate(2).putShort((short) entry[0]).array());
            payload.write(entry.length - 1);
            for (int i = 1; i < entry.length; i++) {
                payload.write(0x80 | entry[i]); // essential, 7-bit index
            }
        }
        return fullBox("ipma", 0, 0, payload.toByteArray());
    }

    static byte[] fullBox(String type, int version, int flags, byte[] payload) {
        return box(type, concat(ByteBuffer.allocate(4).putInt((version << 24) | flags).array(), payload));
    }

    static byte[] box(String type, byte[] payload) {
        return ByteBuffer.allocate(8 + payload.length).putInt(8 + payload.length).put(ascii(type)).put(payload).array();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
