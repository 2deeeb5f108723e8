package dev.sis.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sis.config.ImageLimits;
import dev.sis.errors.OverBudgetException;
import dev.sis.testing.HostileImages;
import dev.sis.testing.ImageFiles;
import dev.sis.testing.TestImages;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The structure walks, fed in blocks of every size (a decoder's stream hands them over in any
 * pieces): real files pass, files over a limit are refused, and what lies inside a scan's data
 * or after the image (stuffed bytes, restart markers, an MPO's second image) is not miscounted.
 */
class StructureCheckTest {
    private static final ImageLimits LIMITS = ImageLimits.defaults();

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 4096, Integer.MAX_VALUE})
    void realJpegsPass(int block) {
        BufferedImage noise = noise(300, 200); // entropy data full of stuffed 0xFF bytes
        for (byte[] jpeg : new byte[][] {TestImages.jpeg(300, 200), ImageFiles.jpeg(noise, "4:2:0", true),
                ImageFiles.jpeg(noise, "4:4:4", false), ImageFiles.cmykJpeg(40, 30, new int[] {0, 0, 0, 0}, false)}) {
            assertThatCode(() -> feed(ImageFormat.JPEG, jpeg, block)).doesNotThrowAnyException();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 13, 4096, Integer.MAX_VALUE})
    void aJpegIsRefusedPastTheScanLimitWhateverTheBlocks(int block) {
        // One DC scan and the AC scans: 100 in all passes, 101 is over the default limit.
        assertThatCode(() -> feed(ImageFormat.JPEG, HostileImages.progressiveJpegScanBomb(640, 480, 99), block))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> feed(ImageFormat.JPEG, HostileImages.progressiveJpegScanBomb(640, 480, 100), block))
                .isInstanceOf(OverBudgetException.class).hasMessageContaining("more than 100 scans");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 13, 4096, Integer.MAX_VALUE})
    void onlyTheFirstImageOfAnMpoCounts(int block) {
        byte[] sixty = HostileImages.progressiveJpegScanBomb(64, 48, 59);
        assertThatCode(() -> feed(ImageFormat.JPEG, ImageFiles.concat(sixty, sixty), block)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 13, 4096, Integer.MAX_VALUE})
    void aPngIsRefusedPastTheCompressedChunkLimit(int block) {
        assertThatCode(() -> feed(ImageFormat.PNG, HostileImages.pngWithTextChunks(8, 1000), block))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> feed(ImageFormat.PNG, HostileImages.pngWithTextChunks(9, 1000), block))
                .isInstanceOf(OverBudgetException.class).hasMessageContaining("more than 8 compressed");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4096, Integer.MAX_VALUE})
    void aPngIsRefusedPastTheAncillaryChunkLimitButNotForItsPixelChunks(int block) {
        assertThatCode(() -> feed(ImageFormat.PNG, withTextChunks(256), block)).doesNotThrowAnyException();
        assertThatThrownBy(() -> feed(ImageFormat.PNG, withTextChunks(257), block))
                .isInstanceOf(OverBudgetException.class).hasMessageContaining("more than 256 ancillary chunks");
        assertThatCode(() -> feed(ImageFormat.PNG, withIdatSplit(TestImages.png(300, 200), 2000), block))
                .as("IDAT chunks are the pixels, however many").doesNotThrowAnyException();
    }

    private static void feed(ImageFormat format, byte[] file, int block) {
        StructureCheck check = StructureCheck.of(format, LIMITS);
        for (int at = 0; at < file.length; at += Math.min(block, file.length - at)) {
            check.feed(file, at, Math.min(block, file.length - at));
        }
    }

    private static BufferedImage noise(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(7);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt());
            }
        }
        return image;
    }

    private static byte[] withTextChunks(int count) {
        byte[] png = TestImages.png(32, 24);
        for (int i = 0; i < count; i++) {
            png = ImageFiles.withPngChunk(png, "tEXt", ("k\0" + i).getBytes(StandardCharsets.ISO_8859_1));
        }
        return png;
    }

    /** {@code png} with its pixel data cut into {@code pieces} IDAT chunks. */
    private static byte[] withIdatSplit(byte[] png, int pieces) {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        ByteArrayOutputStream before = new ByteArrayOutputStream();
        ByteBuffer in = ByteBuffer.wrap(png);
        before.write(png, 0, 8);
        in.position(8);
        while (in.remaining() > 12) {
            int length = in.getInt();
            byte[] type = new byte[4];
            in.get(type);
            byte[] body = new byte[length];
            in.get(body);
            in.getInt();
            String name = new String(type, StandardCharsets.ISO_8859_1);
            if (name.equals("IDAT")) {
                data.writeBytes(body);
            } else if (!name.equals("IEND")) {
                before.writeBytes(ImageFiles.concat(ByteBuffer.allocate(4).putInt(length).array(), type, body, new byte[4]));
            }
        }
        byte[] pixels = data.toByteArray();
        int size = Math.max(1, pixels.length / pieces);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(before.toByteArray());
        for (int at = 0; at < pixels.length; at += size) {
            byte[] piece = java.util.Arrays.copyOfRange(pixels, at, Math.min(pixels.length, at + size));
            out.writeBytes(ImageFiles.concat(ByteBuffer.allocate(4).putInt(piece.length).array(),
                    "IDAT".getBytes(StandardCharsets.ISO_8859_1), piece, new byte[4]));
        }
        out.writeBytes(ImageFiles.concat(new byte[4], "IEND".getBytes(StandardCharsets.ISO_8859_1), new byte[4]));
        return out.toByteArray();
    }
}
