package dev.sis.image;

import dev.sis.client.Fit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sis.config.ImageLimits;
import dev.sis.errors.UnsupportedImageException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A 171-byte truncated WebP (lossless) whose Huffman codes run past the end of the data: the
 * TwelveMonkeys decoder read on through millions of EOFs and took 45 s for a 16×16 image, a
 * decode slot held by one tiny upload (found by ImageVariantFuzzTest, its seed
 * {@code slow-unit-72215c…}). It is now refused as truncated, at once.
 */
class TruncatedWebpTest {

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void aDecoderReadingFarPastTheEndIsStoppedAndTheImageRefused() throws IOException {
        byte[] webp;
        try (InputStream in = TruncatedWebpTest.class.getResourceAsStream("truncated-lossless.webp")) {
            webp = in.readAllBytes();
        }
        ImageEngine engine = new JavaImageEngine(ImageLimits.defaults());

        assertThat(ImageProbe.probe(new ByteArrayInputStream(webp), false).width()).isEqualTo(16);
        assertThatThrownBy(() -> engine.makeVariant(new ByteArrayInputStream(webp),
                new VariantSpec(8, 8, Fit.CONTAIN, ImageFormat.PNG, 85)))
                .isInstanceOf(UnsupportedImageException.class)
                .hasMessageContaining("broken or truncated");
    }
}
