package dev.sis.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.client.Fit;
import dev.sis.config.ImageLimits;
import dev.sis.image.jpeg.JpegSamples;
import dev.sis.image.jpeg.JpegSamples.Sampling;
import dev.sis.testing.ImageFiles;
import dev.sis.testing.TestImages;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Java engine decodes a JPEG much larger than its variant in the DCT domain
 * ({@link ShrinkOnLoad}): the variant's prepared plan says which shrink the decode used, and the
 * result looks like the usual way's (the same picture as a PNG, which is always decoded whole).
 */
class ShrinkOnLoadTest {
    private static final JavaImageEngine ENGINE = new JavaImageEngine(ImageLimits.defaults());
    private static final BufferedImage PICTURE = JpegSamples.picture(1600, 1000, BufferedImage.TYPE_INT_RGB, 18);

    @ParameterizedTest(name = "progressive={0}")
    @ValueSource(booleans = {false, true})
    void aThumbnailOfALargeJpegIsShrunkOnLoadAndLooksLikeTheUsualWay(boolean progressive) {
        byte[] jpeg = JpegSamples.jpeg(PICTURE, Sampling.S420, progressive, 0, 0.95f);
        VariantSpec spec = new VariantSpec(180, 0, Fit.CONTAIN, ImageFormat.PNG, 90);

        Made made = make(jpeg, spec);
        BufferedImage usual = TestImages.decode(ENGINE.makeVariant(
                new ByteArrayInputStream(TestImages.encode(PICTURE, "png")), spec).bytes());

        assertThat(made.shrunk).as("decoded at 1/8: 200 x 125 still covers 180 x 113").isEqualTo(8);
        assertThat(made.image.getWidth()).isEqualTo(180);
        assertThat(made.image.getHeight()).isEqualTo(usual.getHeight());
        assertThat(TestImages.psnr(made.image, usual)).isGreaterThanOrEqualTo(35);
    }

    @Test
    void theShrinkIsTheLargestThatKeepsTheVariantsPixels() {
        byte[] jpeg = JpegSamples.jpeg(PICTURE, Sampling.S422, false, 0, 0.9f);

        assertThat(make(jpeg, new VariantSpec(400, 250, Fit.STRETCH, ImageFormat.JPEG, 80)).shrunk).isEqualTo(4);
        assertThat(make(jpeg, new VariantSpec(401, 250, Fit.STRETCH, ImageFormat.JPEG, 80)).shrunk).isEqualTo(2);
        assertThat(make(jpeg, new VariantSpec(800, 500, Fit.STRETCH, ImageFormat.JPEG, 80)).shrunk).isEqualTo(2);
    }

    @Test
    void aVariantMoreThanHalfTheSourceIsDecodedWhole() {
        byte[] jpeg = JpegSamples.jpeg(PICTURE, Sampling.S420, false, 0, 0.9f);

        Made made = make(jpeg, new VariantSpec(801, 0, Fit.CONTAIN, ImageFormat.JPEG, 80));

        assertThat(made.shrunk).isEqualTo(1);
        assertThat(made.image.getWidth()).isEqualTo(801);
    }

    /** Orientation 6 swaps the axes: the shrink is chosen on the stored axes, the variant is upright. */
    @Test
    void aRotatedJpegIsShrunkOnItsStoredAxesAndTurnedUpright() {
        byte[] jpeg = ImageFiles.withExif(JpegSamples.jpeg(PICTURE, Sampling.S420, true, 0, 0.9f), 6);

        Made made = make(jpeg, new VariantSpec(0, 400, Fit.CONTAIN, ImageFormat.PNG, 90));

        // Upright 250 x 400 is 400 x 250 stored: 1/4 fits exactly; taken on the upright axes it would be 1/2.
        assertThat(made.shrunk).isEqualTo(4);
        assertThat(made.image.getWidth()).isEqualTo(250);
        assertThat(made.image.getHeight()).isEqualTo(400);
    }

    /** A profile other than sRGB is converted by the usual way: the scaled decoder steps aside. */
    @Test
    void aJpegWithAnotherColourProfileGoesTheUsualWay() {
        byte[] jpeg = withIccProfile(JpegSamples.jpeg(PICTURE, Sampling.S420, false, 0, 0.9f),
                ICC_Profile.getInstance(ColorSpace.CS_LINEAR_RGB).getData());

        assertThat(make(jpeg, new VariantSpec(100, 0, Fit.CONTAIN, ImageFormat.PNG, 90)).shrunk).isEqualTo(1);
    }

    @Test
    void aJpegWithAnSrgbProfileIsShrunkOnLoad() {
        byte[] jpeg = withIccProfile(JpegSamples.jpeg(PICTURE, Sampling.S420, false, 0, 0.9f),
                ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData());

        assertThat(make(jpeg, new VariantSpec(100, 0, Fit.CONTAIN, ImageFormat.PNG, 90)).shrunk).isEqualTo(8);
    }

    /**
     * Data the scaled decoder finds corrupt (sixteen 1 bits: no Huffman code) goes the usual way,
     * which decides as before: the JDK's libjpeg shows it, grey where the data is lost.
     */
    @Test
    void aJpegTheScaledDecoderFindsCorruptGoesTheUsualWay() {
        byte[] jpeg = JpegSamples.jpeg(PICTURE, Sampling.S420, false, 0, 0.9f);
        int sos = 0;
        while (!((jpeg[sos] & 0xFF) == 0xFF && (jpeg[sos + 1] & 0xFF) == 0xDA)) {
            sos++;
        }
        int data = sos + 2 + ((jpeg[sos + 2] & 0xFF) << 8 | jpeg[sos + 3] & 0xFF);
        for (int i = 0; i < 32; i += 2) {
            jpeg[data + 1000 + i] = (byte) 0xFF;
            jpeg[data + 1000 + i + 1] = 0;
        }

        Made made = make(jpeg, new VariantSpec(100, 0, Fit.CONTAIN, ImageFormat.PNG, 90));

        assertThat(made.shrunk).isEqualTo(1);
        assertThat(made.image.getWidth()).isEqualTo(100);
    }

    private record Made(BufferedImage image, int shrunk) {
    }

    private static Made make(byte[] jpeg, VariantSpec spec) {
        try (JavaPreparedVariant variant = ENGINE.prepare(new ByteArrayInputStream(jpeg), jpeg.length, spec)) {
            EncodedImage made = variant.make();
            return new Made(TestImages.decode(made.bytes()), variant.shrunkOnLoad());
        }
    }

    /** {@code jpeg} with {@code profile} in one APP2 ICC_PROFILE segment right after its SOI. */
    static byte[] withIccProfile(byte[] jpeg, byte[] profile) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        byte[] tag = "ICC_PROFILE\0".getBytes(StandardCharsets.ISO_8859_1);
        int length = 2 + tag.length + 2 + profile.length;
        out.write(0xFF);
        out.write(0xE2);
        out.write(length >> 8);
        out.write(length & 0xFF);
        out.writeBytes(tag);
        out.write(1);
        out.write(1);
        out.writeBytes(profile);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }
}
