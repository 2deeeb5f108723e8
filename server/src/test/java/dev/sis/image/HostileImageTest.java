package dev.sis.image;

import dev.sis.client.Fit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sis.config.ImageLimits;
import dev.sis.errors.OverBudgetException;
import dev.sis.errors.SisException;
import dev.sis.errors.UnsupportedImageException;
import dev.sis.testing.ImageFiles;
import dev.sis.testing.TestImages;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile and broken files meet a typed failure (422 or 415), never an allocation of what the
 * header claims, never an unexpected exception, never a hang.
 */
class HostileImageTest {
    private static final VariantSpec THUMBNAIL = new VariantSpec(100, 0, Fit.CONTAIN, ImageFormat.PNG, 85);

    private static EncodedImage make(byte[] file) {
        return Images.ENGINE.makeVariant(new ByteArrayInputStream(file), THUMBNAIL);
    }

    @Test
    void aPngBombIsRefusedFromItsHeader() {
        byte[] bomb = ImageFiles.pngBomb(100_000, 100_000);
        assertThat(bomb.length).isLessThan(2_000);

        assertThat(ImageProbe.probe(new ByteArrayInputStream(bomb), true).pixels()).isEqualTo(10_000_000_000L);
        assertThatThrownBy(() -> make(bomb)).isInstanceOf(OverBudgetException.class)
                .hasMessageContaining("10000000000 pixels");
    }

    @Test
    void aJpegWithAForgedFrameSizeIsRefusedFromItsHeader() {
        byte[] forged = ImageFiles.withForgedJpegSize(TestImages.jpeg(64, 64), 60_000, 60_000);

        assertThatThrownBy(() -> make(forged)).isInstanceOf(OverBudgetException.class)
                .hasMessageContaining("3600000000 pixels");
    }

    @Test
    void aPngBombWithinTheBudgetIsATruncatedImage() {
        byte[] bomb = ImageFiles.pngBomb(4_000, 4_000);
        assertThatThrownBy(() -> make(bomb)).isInstanceOf(UnsupportedImageException.class);
    }

    @Test
    void anAbsurdFrameCountIsRefusedBeforeAFrameIsDecoded() {
        byte[] gif = ImageFiles.gifWithFrames(1, 1, 200_000);

        assertThat(ImageProbe.probe(new ByteArrayInputStream(gif), true).frames()).isEqualTo(200_000);
        assertThatThrownBy(() -> Images.ENGINE.makeVariant(new ByteArrayInputStream(gif),
                new VariantSpec(10, 10, Fit.STRETCH, ImageFormat.GIF, 85)))
                .isInstanceOf(OverBudgetException.class).hasMessageContaining("more than 1000 frames");
        // As a still image only the first frame is read.
        assertThat(Images.decoded(Images.ENGINE.makeVariant(new ByteArrayInputStream(gif),
                new VariantSpec(10, 10, Fit.STRETCH, ImageFormat.PNG, 85))).getWidth()).isEqualTo(10);
    }

    @Test
    void aHugeCanvasWithTinyFramesIsOverTheSourceBudget() {
        byte[] gif = ImageFiles.gifWithFrames(65_535, 65_535, 3);
        assertThatThrownBy(() -> make(gif)).isInstanceOf(OverBudgetException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"jpeg", "png", "gif", "webp", "bmp"})
    void truncatedFilesFailCleanlyOrDecodeWhatIsThere(String format) {
        byte[] whole = switch (format) {
            case "webp" -> ImageFiles.webp(TestImages.picture(300, 200, 5), false, 0.8f);
            default -> TestImages.encode(TestImages.picture(300, 200, 5), format);
        };
        for (int length : new int[] {whole.length / 2, 40, 12, 3}) {
            byte[] cut = Arrays.copyOf(whole, length);
            assertFailsCleanlyOrMakesAnImage(cut, format + " cut at " + length);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"jpeg", "png", "gif", "webp", "bmp"})
    void randomBytesBehindAValidMagicNumberFailCleanly(String format) {
        byte[] real = switch (format) {
            case "webp" -> ImageFiles.webp(TestImages.picture(30, 20, 5), true, 1);
            default -> TestImages.encode(TestImages.picture(30, 20, 5), format);
        };
        Random random = new Random(42);
        for (int attempt = 0; attempt < 20; attempt++) {
            byte[] noise = new byte[64 + random.nextInt(4096)];
            random.nextBytes(noise);
            int keep = format.equals("webp") ? 12 : format.equals("png") ? 8 : 3;
            System.arraycopy(real, 0, noise, 0, keep);
            assertFailsCleanlyOrMakesAnImage(noise, format + " noise " + attempt);
        }
    }

    @Test
    void anEmptyFileIsNotAnImage() {
        assertThatThrownBy(() -> make(new byte[0])).isInstanceOf(UnsupportedImageException.class);
        assertThatThrownBy(() -> ImageProbe.probe(new ByteArrayInputStream(new byte[0]), true))
                .isInstanceOf(UnsupportedImageException.class);
    }

    /** A deadline already over when decoding starts: the decode is refused, whatever the image. */
    @Test
    void workPastTheDecodeDeadlineIsRefused() {
        ImageEngine hasty = Images.engine(ImageLimits.defaults().withDecodeTimeout(Duration.ofNanos(1)));
        byte[] png = TestImages.png(600, 400);

        assertThatThrownBy(() -> hasty.makeVariant(new ByteArrayInputStream(png), THUMBNAIL))
                .isInstanceOf(OverBudgetException.class).hasMessageContaining("could not be processed within");
        assertThat(Images.ENGINE.makeVariant(new ByteArrayInputStream(png), THUMBNAIL).bytes()).isNotEmpty();
    }

    /**
     * A small fuzz run (fixed seeds, 600 files): valid small files with bytes flipped, runs of
     * bytes overwritten and the end cut off, through the engine under test. With the native
     * engine this is the crash test of libvips' decoders as sis calls them: a crash would take the
     * test JVM down, a leak or a wrong free would show as one; every file must fail cleanly or
     * give an image.
     */
    @ParameterizedTest
    @ValueSource(strings = {"jpeg", "progressive-jpeg", "png", "webp"})
    void mutatedFilesFailCleanlyOrMakeAnImage(String format) {
        BufferedImage picture = TestImages.picture(120, 80, 9);
        byte[] real = switch (format) {
            case "progressive-jpeg" -> ImageFiles.jpeg(picture, "4:2:0", true);
            case "webp" -> ImageFiles.webp(picture, false, 0.8f);
            default -> TestImages.encode(picture, format);
        };
        Random random = new Random(format.hashCode());
        for (int attempt = 0; attempt < 150; attempt++) {
            byte[] mutated = real.clone();
            int flips = 1 + random.nextInt(16);
            for (int i = 0; i < flips; i++) {
                int at = 12 + random.nextInt(mutated.length - 12); // the magic number stays
                mutated[at] = (byte) (attempt % 3 == 0 ? random.nextInt(256) : mutated[at] ^ (1 << random.nextInt(8)));
            }
            if (attempt % 5 == 0) {
                int from = 12 + random.nextInt(mutated.length - 12);
                Arrays.fill(mutated, from, Math.min(mutated.length, from + random.nextInt(64)), (byte) 0xFF);
            }
            if (attempt % 4 == 0) {
                mutated = Arrays.copyOf(mutated, 12 + random.nextInt(mutated.length - 12));
            }
            assertFailsCleanlyOrMakesAnImage(mutated, format + " mutation " + attempt);
        }
    }

    /** Either a typed 4xx failure or a real image of the planned width: nothing else may come out. */
    private static void assertFailsCleanlyOrMakesAnImage(byte[] file, String what) {
        try {
            EncodedImage image = make(file);
            assertThat(Images.decoded(image).getWidth()).as(what).isEqualTo(100);
        } catch (SisException e) {
            assertThat(e).as(what).isInstanceOfAny(UnsupportedImageException.class, OverBudgetException.class);
            assertThat(e.status()).as(what).isIn(415, 422);
        }
    }
}
