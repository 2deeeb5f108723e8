package dev.sis.image;

import static dev.sis.image.Images.quadrants;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.testing.ImageFiles;
import dev.sis.testing.TestImages;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.stream.Stream;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reading the EXIF orientation from hostile or broken blocks: each one is "no orientation"
 * (upright), never an exception, and the stream is left where it was. {@link OrientTest} covers
 * the well-formed blocks.
 */
class ExifOrientationTest {
    private static final BufferedImage STORED = quadrants(40, 20, BufferedImage.TYPE_INT_RGB);

    static Stream<Arguments> brokenBlocks() {
        byte[] good = ImageFiles.exif(6);
        return Stream.of(
                Arguments.of("empty", new byte[0]),
                Arguments.of("truncated in the header", Arrays.copyOf(good, 5)),
                Arguments.of("truncated in the orientation entry", Arrays.copyOf(good, 36)),
                Arguments.of("not TIFF byte order", withBytes(good, 0, 'X', 'X')),
                Arguments.of("not 42", withBytes(good, 2, 43, 0)),
                Arguments.of("IFD0 offset past the end", le(b -> b.put((byte) 'I').put((byte) 'I').putShort((short) 42)
                        .putInt(0x7FFF_FFF0))),
                Arguments.of("IFD0 offset inside the header", le(b -> b.put((byte) 'I').put((byte) 'I').putShort((short) 42)
                        .putInt(2))),
                Arguments.of("65535 entries declared, one there", le(b -> b.put((byte) 'I').put((byte) 'I').putShort((short) 42)
                        .putInt(8).putShort((short) 0xFFFF).putShort((short) 0x0100).putShort((short) 3).putInt(1)
                        .putShort((short) 6).putShort((short) 0))),
                Arguments.of("a value of 2^31 LONGs", le(b -> b.put((byte) 'I').put((byte) 'I').putShort((short) 42)
                        .putInt(8).putShort((short) 1).putShort((short) 0x0111).putShort((short) 4).putInt(0x7FFF_FFFF)
                        .putInt(8).putInt(0))),
                Arguments.of("an EXIF sub-IFD past the end", le(b -> b.put((byte) 'I').put((byte) 'I').putShort((short) 42)
                        .putInt(8).putShort((short) 1).putShort((short) 0x8769).putShort((short) 4).putInt(1)
                        .putInt(0x7FFF_0000).putInt(0))),
                Arguments.of("the next IFD is itself", le(b -> b.put((byte) 'I').put((byte) 'I').putShort((short) 42)
                        .putInt(8).putShort((short) 0).putInt(8))),
                Arguments.of("the orientation as a LONG", le(b -> b.put((byte) 'I').put((byte) 'I').putShort((short) 42)
                        .putInt(8).putShort((short) 1).putShort((short) 0x0112).putShort((short) 4).putInt(1).putInt(6)
                        .putInt(0))),
                Arguments.of("the orientation as text", le(b -> b.put((byte) 'I').put((byte) 'I').putShort((short) 42)
                        .putInt(8).putShort((short) 1).putShort((short) 0x0112).putShort((short) 2).putInt(2)
                        .put((byte) '6').put((byte) 0).putShort((short) 0).putInt(0))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenBlocks")
    void aBrokenBlockInAnyContainerIsUprightAndTheImageStillDecodes(String what, byte[] block) throws IOException {
        for (byte[] image : containers()) {
            byte[] file = ImageFiles.withExifBlock(image, block);

            assertThat(orientationOf(file)).as(what).isEqualTo(Orientation.NORMAL);
            BufferedImage shown = Images.decoded(Images.variant(file, 0, 0, ImageFormat.PNG));
            assertThat(shown.getWidth()).as(what).isEqualTo(40);
        }
    }

    @Test
    void aJpegWhoseExifSegmentRunsPastTheEndIsUpright() throws IOException {
        byte[] jpeg = ImageFiles.withExif(ImageFiles.jpeg(STORED, "4:4:4", false), 6);
        byte[] cut = Arrays.copyOf(jpeg, 2 + 4 + 20); // SOI, the APP1 header and a part of its payload

        assertThat(orientationOf(cut)).isEqualTo(Orientation.NORMAL);
    }

    @Test
    void aPngWhoseExifChunkClaimsFourGigabytesIsUpright() throws IOException {
        byte[] png = ImageFiles.withExif(TestImages.encode(STORED, "png"), 6);
        int lengthField = 8 + 4 + 4 + 13 + 4; // the eXIf chunk follows IHDR
        byte[] forged = withBytes(png, lengthField, 0xFF, 0xFF, 0xFF, 0xF0);

        assertThat(orientationOf(forged)).isEqualTo(Orientation.NORMAL);
    }

    @Test
    void theStreamIsLeftAtTheStartWhateverItHolds() throws IOException {
        byte[] file = ImageFiles.withExifBlock(TestImages.encode(STORED, "png"), Arrays.copyOf(ImageFiles.exif(6), 36));
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(file))) {
            ExifOrientation.read(in, ImageFormat.PNG);
            assertThat(in.getStreamPosition()).isZero();
        }
    }

    private static byte[][] containers() {
        return new byte[][] {ImageFiles.jpeg(STORED, "4:4:4", false), TestImages.encode(STORED, "png"),
                ImageFiles.webp(STORED, true, 1)};
    }

    private static Orientation orientationOf(byte[] file) throws IOException {
        ImageFormat format = ImageFormat.sniff(file, file.length).orElseThrow();
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(file))) {
            return ExifOrientation.read(in, format);
        }
    }

    private static byte[] withBytes(byte[] original, int at, int... values) {
        byte[] changed = original.clone();
        for (int i = 0; i < values.length; i++) {
            changed[at + i] = (byte) values[i];
        }
        return changed;
    }

    private static byte[] le(java.util.function.Consumer<ByteBuffer> writer) {
        ByteBuffer b = ByteBuffer.allocate(256).order(ByteOrder.LITTLE_ENDIAN);
        writer.accept(b);
        return Arrays.copyOf(b.array(), b.position());
    }
}
