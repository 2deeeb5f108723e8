package dev.sis.image.jpeg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sis.config.ImageLimits;
import dev.sis.errors.OverBudgetException;
import dev.sis.errors.UnsupportedImageException;
import dev.sis.image.jpeg.JpegSamples.Sampling;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile and broken JPEGs get one of the engine's errors — 415 for broken data, 422 for a limit —
 * from the scaled decoder, and kinds it does not handle are handed back ("not handled") before
 * any pixel work.
 */
class ScaledJpegDecoderBadInputTest {
    private static final ImageLimits LIMITS = ImageLimits.defaults();
    private static final BufferedImage PICTURE = JpegSamples.picture(256, 160, BufferedImage.TYPE_INT_RGB, 3);

    private static byte[] jpeg(boolean progressive) {
        return JpegSamples.jpeg(PICTURE, Sampling.S420, progressive, 0, 0.9f);
    }

    @ParameterizedTest(name = "progressive={0}")
    @ValueSource(booleans = {false, true})
    void aFileCutInsideAScanIsRefusedAsTruncated(boolean progressive) {
        byte[] whole = jpeg(progressive);
        byte[] cut = Arrays.copyOf(whole, whole.length * 2 / 3);

        assertThatThrownBy(() -> ScaledJpegDecoder.open(cut, LIMITS).orElseThrow().decode(4, () -> { }))
                .isInstanceOf(UnsupportedImageException.class)
                .hasMessageContaining("truncated");
    }

    @Test
    void aFileCutInItsHeaderIsRefused() {
        byte[] cut = Arrays.copyOf(jpeg(false), 300);

        assertThatThrownBy(() -> ScaledJpegDecoder.open(cut, LIMITS))
                .isInstanceOf(UnsupportedImageException.class);
    }

    /** JPEG never gives a code of all ones: sixteen 1 bits match no Huffman code. */
    @Test
    void huffmanDataThatMatchesNoCodeIsRefusedAsCorrupt() {
        byte[] file = jpeg(false);
        int data = afterScanHeader(file, 0);
        for (int i = 0; i < 32; i += 2) {
            file[data + i] = (byte) 0xFF;
            file[data + i + 1] = 0; // a stuffed FF: eight 1 bits of data
        }

        assertThatThrownBy(() -> ScaledJpegDecoder.open(file, LIMITS).orElseThrow().decode(8, () -> { }))
                .isInstanceOf(UnsupportedImageException.class)
                .hasMessageContaining("corrupt");
    }

    @Test
    void aFrameOverThePixelLimitIsRefusedBeforeAnythingIsAllocated() {
        byte[] file = jpeg(false);
        int sof = marker(file, 0xC0, 0);
        file[sof + 5] = (byte) 0xFF; // height 65,535
        file[sof + 6] = (byte) 0xFF;
        file[sof + 7] = (byte) 0xFF; // width 65,535
        file[sof + 8] = (byte) 0xFF;

        assertThatThrownBy(() -> ScaledJpegDecoder.open(file, LIMITS))
                .isInstanceOf(OverBudgetException.class)
                .hasMessageContaining("pixels");
    }

    @Test
    void aFrameOfNoPixelsIsRefused() {
        byte[] file = jpeg(false);
        int sof = marker(file, 0xC0, 0);
        file[sof + 7] = 0;
        file[sof + 8] = 0;

        assertThatThrownBy(() -> ScaledJpegDecoder.open(file, LIMITS))
                .isInstanceOf(UnsupportedImageException.class);
    }

    /** A scan bomb: the first scan (all the DC terms) repeated 150 times; the limit stops it at scan 101. */
    @Test
    void scansPastTheLimitAreRefused() {
        byte[] file = jpeg(true);
        int firstScan = marker(file, 0xDA, 0);
        int secondScan = marker(file, 0xDA, 1);
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        bomb.write(file, 0, secondScan);
        for (int i = 0; i < 150; i++) {
            bomb.write(file, firstScan, secondScan - firstScan);
        }
        bomb.write(file, secondScan, file.length - secondScan);
        AtomicInteger checkpoints = new AtomicInteger();

        assertThatThrownBy(() -> ScaledJpegDecoder.open(bomb.toByteArray(), LIMITS.withMaxJpegScans(100)).orElseThrow()
                .decode(8, checkpoints::incrementAndGet))
                .isInstanceOf(OverBudgetException.class)
                .hasMessageContaining("more than 100 scans");
        assertThat(checkpoints.get()).as("rows of blocks walked: at most 100 scans' worth").isLessThanOrEqualTo(100 * 20);
    }

    /** The caller's checkpoint (the engine's deadline) is called as the scans go, and what it throws stops the decode. */
    @Test
    void theCheckpointStopsTheDecode() {
        byte[] file = jpeg(true);
        AtomicInteger checkpoints = new AtomicInteger();
        RuntimeException stop = new OverBudgetException("the deadline has passed");

        assertThatThrownBy(() -> ScaledJpegDecoder.open(file, LIMITS).orElseThrow().decode(2, () -> {
            if (checkpoints.incrementAndGet() == 5) {
                throw stop;
            }
        })).isSameAs(stop);
    }

    @Test
    void notAJpegIsRefused() {
        assertThatThrownBy(() -> ScaledJpegDecoder.open(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0}, LIMITS))
                .isInstanceOf(UnsupportedImageException.class);
    }

    @ParameterizedTest(name = "SOF 0x{0}")
    @ValueSource(ints = {0xC3, 0xC9, 0xCA, 0xC5})
    void losslessArithmeticAndHierarchicalJpegsAreNotHandled(int frameMarker) {
        byte[] file = jpeg(false);
        file[marker(file, 0xC0, 0) + 1] = (byte) frameMarker;

        assertThat(ScaledJpegDecoder.open(file, LIMITS)).isEmpty();
    }

    @Test
    void twelveBitJpegsAreNotHandled() {
        byte[] file = jpeg(false);
        file[marker(file, 0xC0, 0) + 4] = 12;

        assertThat(ScaledJpegDecoder.open(file, LIMITS)).isEmpty();
    }

    /** An Adobe APP14 segment with transform 0: the three components are RGB, not YCbCr. */
    @Test
    void adobeRgbTransformsAreNotHandled() {
        byte[] file = jpeg(false);
        byte[] adobe = {(byte) 0xFF, (byte) 0xEE, 0, 14, 'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, 0};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(file, 0, 2);
        out.writeBytes(adobe);
        out.write(file, 2, file.length - 2);

        assertThat(ScaledJpegDecoder.open(out.toByteArray(), LIMITS)).isEmpty();
    }

    /** The offset of the {@code n}-th FF code marker (a stuffed FF 00 never matches). */
    private static int marker(byte[] file, int code, int n) {
        for (int i = 0; i + 1 < file.length; i++) {
            if ((file[i] & 0xFF) == 0xFF && (file[i + 1] & 0xFF) == code && n-- == 0) {
                return i;
            }
        }
        throw new AssertionError("no marker " + Integer.toHexString(code));
    }

    private static int afterScanHeader(byte[] file, int n) {
        int sos = marker(file, 0xDA, n);
        return sos + 2 + ((file[sos + 2] & 0xFF) << 8 | file[sos + 3] & 0xFF);
    }
}
