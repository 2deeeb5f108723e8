package dev.sis.image.jpeg;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.sis.config.ImageLimits;
import dev.sis.errors.OverBudgetException;
import dev.sis.errors.UnsupportedImageException;
import java.awt.image.BufferedImage;
import java.util.Optional;

/**
 * Fuzzes the scaled JPEG decoder with hostile bytes, under a small pixel budget: the only
 * failures allowed are "not a supported image" (415) and "over a budget" (422); an image it
 * decodes has the size the frame header promises at the scale asked. Anything else — an index
 * out of bounds, an arithmetic error, a loop that never ends — is a finding. The file's length
 * picks the scale, so seeds stay plain JPEGs ({@code ScaledJpegDecoderFuzzTestInputs/}: baseline
 * 4:2:0, progressive 4:2:2, grey, 4:4:4 with a restart marker after every MCU).
 */
class ScaledJpegDecoderFuzzTest {
    private static final ImageLimits LIMITS = new ImageLimits(512 * 512, 256 * 256, 1024, 1, 0).withMaxJpegScans(20);

    @FuzzTest
    void decodesWithinLimitsOrRefuses(byte[] data) {
        int reduction = 1 << (data.length % 4);
        BufferedImage image;
        int width;
        int height;
        try {
            Optional<ScaledJpegDecoder> decoder = ScaledJpegDecoder.open(data, LIMITS);
            if (decoder.isEmpty()) {
                return;
            }
            width = decoder.get().width();
            height = decoder.get().height();
            image = decoder.get().decode(reduction, () -> { });
        } catch (UnsupportedImageException | OverBudgetException refused) {
            return;
        }
        assertThat((long) width * height).as("the pixel budget holds").isLessThanOrEqualTo(LIMITS.maxSourcePixels());
        assertThat(image.getWidth()).isEqualTo((width * 8 / reduction + 7) / 8);
        assertThat(image.getHeight()).isEqualTo((height * 8 / reduction + 7) / 8);
    }
}
