package dev.sis.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.client.Fit;
import dev.sis.config.ImageLimits;
import dev.sis.config.SisConfig.EngineChoice;
import dev.sis.image.jpeg.JpegSamples;
import dev.sis.image.jpeg.JpegSamples.Sampling;
import dev.sis.testing.ImageFiles;
import dev.sis.testing.Prerequisite;
import dev.sis.testing.Requires;
import dev.sis.testing.TestImages;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import org.junit.jupiter.api.Test;

/**
 * {@code --image-engine auto} with libvips hands a progressive JPEG's variants at 1/8 to the
 * pure-Java engine's scaled decoder ({@link ScaledDecodeRoute}), and nothing else; the variant
 * made that way looks like libvips' own. {@code --image-engine vips} keeps every one on libvips.
 */
@Requires(Prerequisite.LIBVIPS)
class ScaledDecodeRouteTest {
    private static final ImageEngine AUTO = ImageEngines.create(EngineChoice.AUTO, ImageLimits.defaults());
    private static final ImageEngine VIPS = ImageEngines.create(EngineChoice.VIPS, ImageLimits.defaults());
    private static final BufferedImage PICTURE = JpegSamples.picture(1600, 1000, BufferedImage.TYPE_INT_RGB, 11);
    private static final byte[] PROGRESSIVE = JpegSamples.jpeg(PICTURE, Sampling.S420, true, 0, 0.95f);
    private static final byte[] BASELINE = JpegSamples.jpeg(PICTURE, Sampling.S420, false, 0, 0.95f);
    /** 180 px of 1600: decoded at 1/8 (200 px). */
    private static final VariantSpec EIGHTH = new VariantSpec(180, 0, Fit.CONTAIN, ImageFormat.JPEG, 90);

    @Test
    void aProgressiveJpegAtAnEighthIsMadeByTheScaledDecoderAndLooksLikeLibvips() {
        try (PreparedVariant routed = prepare(AUTO, PROGRESSIVE, EIGHTH)) {
            assertThat(routed).isInstanceOf(JavaPreparedVariant.class);
            BufferedImage made = TestImages.decode(routed.make().bytes());

            assertThat(((JavaPreparedVariant) routed).shrunkOnLoad()).isEqualTo(8);
            BufferedImage byLibvips = make(VIPS, PROGRESSIVE, EIGHTH);
            assertThat(made.getWidth() + "x" + made.getHeight())
                    .isEqualTo(byLibvips.getWidth() + "x" + byLibvips.getHeight());
            assertThat(TestImages.psnr(made, byLibvips)).isGreaterThanOrEqualTo(30);
        }
    }

    @Test
    void theVipsChoiceKeepsItOnLibvips() {
        assertThat(kind(VIPS, PROGRESSIVE, EIGHTH)).isEqualTo(VipsPreparedVariant.class);
    }

    @Test
    void baselineJpegsAndLargerVariantsStayOnLibvips() {
        assertThat(kind(AUTO, BASELINE, EIGHTH)).isEqualTo(VipsPreparedVariant.class);
        assertThat(kind(AUTO, PROGRESSIVE, new VariantSpec(400, 0, Fit.CONTAIN, ImageFormat.JPEG, 90)))
                .as("1/4").isEqualTo(VipsPreparedVariant.class);
    }

    @Test
    void whatOnlyLibvipsDoesStaysOnLibvips() {
        assertThat(kind(AUTO, PROGRESSIVE, new VariantSpec(180, 0, Fit.CONTAIN, ImageFormat.WEBP, 90)))
                .as("webp").isEqualTo(VipsPreparedVariant.class);
        assertThat(kind(AUTO, PROGRESSIVE, new VariantSpec(180, 100, Fit.COVER, ImageFormat.JPEG, 90)
                .withGravity(Gravity.of(Gravity.Kind.SMART)))).as("gravity=smart").isEqualTo(VipsPreparedVariant.class);
        byte[] wide = ImageFiles.withIccProfile(PROGRESSIVE, IccProfiles.adobeRgbPrimaries());
        assertThat(kind(AUTO, wide, EIGHTH)).as("a profile other than sRGB").isEqualTo(VipsPreparedVariant.class);
        byte[] srgb = ImageFiles.withIccProfile(PROGRESSIVE, IccProfiles.renamedSrgb());
        assertThat(kind(AUTO, srgb, EIGHTH)).as("an sRGB profile").isEqualTo(JavaPreparedVariant.class);
    }

    private static Class<?> kind(ImageEngine engine, byte[] jpeg, VariantSpec spec) {
        try (PreparedVariant variant = prepare(engine, jpeg, spec)) {
            return variant.getClass();
        }
    }

    private static PreparedVariant prepare(ImageEngine engine, byte[] jpeg, VariantSpec spec) {
        return engine.prepare(new ByteArrayInputStream(jpeg), jpeg.length, spec);
    }

    private static BufferedImage make(ImageEngine engine, byte[] jpeg, VariantSpec spec) {
        return TestImages.decode(engine.makeVariant(new ByteArrayInputStream(jpeg), spec).bytes());
    }
}
