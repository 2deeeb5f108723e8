package dev.sis.image;

import dev.sis.client.Fit;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.sis.config.ImageLimits;
import dev.sis.errors.OverBudgetException;
import dev.sis.errors.UnsupportedImageException;
import java.io.ByteArrayInputStream;

/**
 * Fuzzes {@link ImageEngine#makeVariant} with hostile bytes and any variant, under small pixel
 * budgets. The only failures allowed are "not a supported image" (415) and "over a budget"
 * (422); anything else — an ImageIO exception escaping, an error, a budget not enforced, an
 * output larger than asked — is a finding. Public entry points only.
 *
 * <p>Seeds: tiny images of every format in {@code ImageVariantFuzzTestInputs/}; the last bytes
 * of a seed pick the variant's parameters. {@code slow-unit-72215c…} is a finding: a truncated
 * WebP that took 45 s to decode (see TruncatedWebpTest). libFuzzer saves an input slower than
 * 10 s as {@code slow-unit-…} without failing: bench/fuzz.sh lists new ones. (A JUnit
 * {@code @Timeout} here would time out the whole fuzzing run, which is one invocation.)
 */
class ImageVariantFuzzTest {
    private static final long SOURCE_BUDGET = 512 * 512;
    private static final long OUTPUT_BUDGET = 256 * 256;
    private static final ImageEngine ENGINE = new JavaImageEngine(new ImageLimits(SOURCE_BUDGET, OUTPUT_BUDGET, 1024, 1, 0));

    @FuzzTest
    void aVariantIsMadeWithinBudgetOrRefused(FuzzedDataProvider data) {
        int width = data.consumeInt(0, 300);
        int height = data.consumeInt(0, 300);
        Fit fit = data.pickValue(Fit.values());
        ImageFormat format = data.pickValue(new ImageFormat[] {null, ImageFormat.JPEG, ImageFormat.PNG, ImageFormat.GIF});
        int quality = data.consumeInt(1, 100);
        byte[] image = data.consumeRemainingAsBytes();
        EncodedImage variant;
        try {
            variant = ENGINE.makeVariant(new ByteArrayInputStream(image), new VariantSpec(width, height, fit, format, quality));
        } catch (UnsupportedImageException | OverBudgetException refused) {
            return;
        }
        assertThat(variant.bytes()).isNotEmpty();
        assertThat(ImageFormat.sniff(variant.bytes(), variant.bytes().length)).contains(variant.format());
        ImageInfo made = ImageProbe.probe(new ByteArrayInputStream(variant.bytes()), false);
        assertThat(made.pixels()).as("the output budget holds").isLessThanOrEqualTo(OUTPUT_BUDGET);
        if (width > 0) {
            assertThat(made.width()).as("never wider than asked").isLessThanOrEqualTo(width);
        }
        if (height > 0) {
            assertThat(made.height()).as("never higher than asked").isLessThanOrEqualTo(height);
        }
    }
}
