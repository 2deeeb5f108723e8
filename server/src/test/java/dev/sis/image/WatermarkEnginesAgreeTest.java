package dev.sis.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.client.Fit;
import dev.sis.config.ImageLimits;
import dev.sis.testing.Prerequisite;
import dev.sis.testing.Requires;
import dev.sis.testing.TestImages;
import dev.sis.testing.WatermarkImages;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Both engines put the watermark on the same pixels with the same blend: libvips' composite of
 * the overlay sis resized against the pure-Java blend, on a photo-like source, per position and
 * output format.
 */
@Requires(Prerequisite.LIBVIPS)
class WatermarkEnginesAgreeTest {
    private static final Watermark MARK = Watermark.of(WatermarkImages.halfRedMark(), "mark.png");

    @ParameterizedTest
    @CsvSource({"southeast, 50, 25, PNG", "northwest, 100, 40, PNG", "center, 30, 60, JPEG", "east, 75, 10, WEBP"})
    void theEnginesPlaceAndBlendTheWatermarkAlike(String position, int opacity, int scale, ImageFormat format) {
        byte[] source = TestImages.jpeg(480, 320, 7);
        VariantSpec spec = new VariantSpec(300, 200, Fit.COVER, format, 95).withWatermark(new WatermarkSpec(opacity,
                WatermarkSpec.Position.fromUrlName(position).orElseThrow(), scale, MARK.hash()));
        ImageEngine pureJava = new JavaImageEngine(ImageLimits.defaults(), MARK);
        ImageEngine vips = VipsImageEngine.load(LibVips.LIBRARY, ImageLimits.defaults(), MARK, new StringBuilder())
                .orElseThrow();

        BufferedImage byJava = TestImages.decode(pureJava.makeVariant(new ByteArrayInputStream(source), spec).bytes());
        BufferedImage byVips = TestImages.decode(vips.makeVariant(new ByteArrayInputStream(source), spec).bytes());
        BufferedImage plain = TestImages.decode(vips.makeVariant(new ByteArrayInputStream(source),
                spec.withWatermark(null)).bytes());

        java.awt.Rectangle at = MARK.placement(300, 200, spec.watermark());
        // inside the mark's opaque half: both moved the same way from the unmarked variant
        int x = at.x + at.width / 4;
        int y = at.y + at.height / 2;
        double[] j = Images.meanColour(byJava, x, y, 4);
        double[] v = Images.meanColour(byVips, x, y, 4);
        assertThat(Images.near(j, v, 6)).as("java %s, vips %s", java.util.Arrays.toString(j),
                java.util.Arrays.toString(v)).isTrue();
        // red at the opacity over the unmarked variant, as "over" says
        double o = opacity / 100.0;
        double[] under = Images.meanColour(plain, x, y, 4);
        double[] expected = {o * 255 + (1 - o) * under[0], (1 - o) * under[1], (1 - o) * under[2]};
        assertThat(Images.near(v, expected, 6)).as("vips %s, expected %s", java.util.Arrays.toString(v),
                java.util.Arrays.toString(expected)).isTrue();
        // and the whole variants agree as closely as the engines' plain resizes do
        assertThat(TestImages.meanDifference(byJava, byVips)).isLessThan(4);
    }
}
