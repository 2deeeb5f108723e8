package dev.sis.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.client.Fit;
import dev.sis.config.ImageLimits;
import dev.sis.image.jpeg.JpegSamples;
import dev.sis.image.jpeg.JpegSamples.Sampling;
import dev.sis.testing.ImageFiles;
import dev.sis.testing.Prerequisite;
import dev.sis.testing.Requires;
import dev.sis.testing.TestImages;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A JPEG tagged with an sRGB profile (here Java's, renamed, as another vendor's copy) is made
 * exactly as the same JPEG untagged, without the colour conversion; one tagged with wider
 * primaries is still converted. On both engines.
 */
class SrgbJpegTest {
    private static final JavaImageEngine JAVA = new JavaImageEngine(ImageLimits.defaults());
    private static final BufferedImage PICTURE = JpegSamples.picture(1600, 1000, BufferedImage.TYPE_INT_RGB, 7);
    private static final byte[] PLAIN = JpegSamples.jpeg(PICTURE, Sampling.S420, false, 0, 0.9f);
    private static final byte[] SRGB = ImageFiles.withIccProfile(PLAIN, IccProfiles.renamedSrgb());
    private static final byte[] ADOBE = ImageFiles.withIccProfile(PLAIN, IccProfiles.adobeRgbPrimaries());

    /** 180 px wide: decoded at 1/8 by the scaled decoder; 1000: decoded whole by ImageIO. */
    @ParameterizedTest(name = "w={0}")
    @ValueSource(ints = {180, 1000})
    void javaEngineMakesAnSrgbTaggedJpegAsAnUntaggedOne(int width) {
        VariantSpec spec = new VariantSpec(width, 0, Fit.CONTAIN, ImageFormat.PNG, 90);
        try (JavaPreparedVariant tagged = JAVA.prepare(new ByteArrayInputStream(SRGB), SRGB.length, spec)) {
            BufferedImage made = TestImages.decode(tagged.make().bytes());

            assertThat(tagged.shrunkOnLoad()).isEqualTo(width == 180 ? 8 : 1);
            assertThat(TestImages.psnr(made, make(JAVA, PLAIN, spec))).isEqualTo(Double.POSITIVE_INFINITY);
        }
    }

    @Test
    void javaEngineConvertsWiderPrimaries() {
        VariantSpec spec = new VariantSpec(180, 0, Fit.CONTAIN, ImageFormat.PNG, 90);

        assertThat(TestImages.psnr(make(JAVA, ADOBE, spec), make(JAVA, PLAIN, spec))).isLessThan(40);
    }

    @Test
    @Requires(Prerequisite.LIBVIPS)
    void vipsEngineSkipsTheTransformForAnSrgbProfileOnly() {
        ImageEngine vips = VipsImageEngine.load(ImageLimits.defaults(), new StringBuilder()).orElseThrow();
        VariantSpec spec = new VariantSpec(400, 0, Fit.CONTAIN, ImageFormat.PNG, 90);

        assertThat(EmbeddedIcc.toConvert(ImageFormat.JPEG, SRGB)).isFalse();
        assertThat(EmbeddedIcc.toConvert(ImageFormat.JPEG, ADOBE)).isTrue();
        BufferedImage plain = make(vips, PLAIN, spec);
        assertThat(TestImages.psnr(make(vips, SRGB, spec), plain)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(TestImages.psnr(make(vips, ADOBE, spec), plain)).isLessThan(40);
    }

    private static BufferedImage make(ImageEngine engine, byte[] jpeg, VariantSpec spec) {
        return TestImages.decode(engine.makeVariant(new ByteArrayInputStream(jpeg), spec).bytes());
    }
}
