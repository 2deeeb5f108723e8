package dev.sis.image;

import dev.sis.client.Fit;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

/** The scale step: area-aware shrinking (no aliasing), smooth enlarging, premultiplied alpha, centre crop. */
class ScaleTest {

    /** One-pixel black and white stripes shrunk 10×: a point-sampling scaler gives stripes or black, a filter grey. */
    @Test
    void shrinkingFineDetailAveragesItInsteadOfAliasing() {
        BufferedImage stripes = new BufferedImage(1000, 100, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 100; y++) {
            for (int x = 0; x < 1000; x++) {
                stripes.setRGB(x, y, x % 2 == 0 ? 0x000000 : 0xFFFFFF);
            }
        }

        BufferedImage small = Resampler.resize(stripes, 100, 10);

        for (int x = 0; x < 100; x++) {
            int grey = small.getRGB(x, 5) & 0xFF;
            assertThat(grey).as("pixel %d", x).isBetween(122, 133);
        }
    }

    @Test
    void enlargingIsSmoothAndMonotonic() {
        BufferedImage ramp = new BufferedImage(4, 1, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 4; x++) {
            ramp.setRGB(x, 0, x * 80 * 0x010101);
        }

        BufferedImage large = Resampler.resize(ramp, 40, 1);

        int previous = -1;
        for (int x = 0; x < 40; x++) {
            int value = large.getRGB(x, 0) & 0xFF;
            assertThat(value).as("pixel %d", x).isGreaterThanOrEqualTo(previous);
            previous = value;
        }
        assertThat(large.getRGB(20, 0) & 0xFF).isBetween(100, 140);
    }

    /** A transparent pixel's colour must not bleed: transparent red beside opaque blue stays blue where opaque. */
    @Test
    void transparentPixelsAddNoColour() {
        BufferedImage image = new BufferedImage(100, 10, BufferedImage.TYPE_INT_ARGB_PRE);
        for (int y = 0; y < 10; y++) {
            for (int x = 0; x < 100; x++) {
                image.setRGB(x, y, x < 50 ? 0x00FF0000 : 0xFF0000FF);
            }
        }

        BufferedImage small = Resampler.resize(image, 10, 1);

        for (int x = 0; x < 10; x++) {
            int p = small.getRGB(x, 0);
            if ((p >>> 24) > 0) {
                assertThat((p >> 16) & 0xFF).as("red at %d in %08x", x, p).isLessThan(8);
            }
        }
        assertThat(small.getRGB(9, 0)).isEqualTo(0xFF0000FF);
        assertThat(small.getRGB(0, 0) >>> 24).isZero();
    }

    @Test
    void theStepScalesThenKeepsTheCentre() {
        BufferedImage source = Images.quadrants(200, 100, BufferedImage.TYPE_INT_RGB);
        Geometry cover = Geometry.plan(200, 100, new VariantSpec(50, 50, Fit.COVER, null, 85));

        BufferedImage out = new Scale(cover).apply(source);

        assertThat(out.getWidth()).isEqualTo(50);
        assertThat(out.getHeight()).isEqualTo(50);
        // the centre of a 100×50 scaled image: the left half red over blue, the right half green over white
        assertThat(out.getRGB(5, 5) & 0xFFFFFF).isEqualTo(0xFF0000);
        assertThat(out.getRGB(45, 45) & 0xFFFFFF).isEqualTo(0xFFFFFF);
    }

    @Test
    void theSameSizeIsReturnedAsIs() {
        BufferedImage source = Images.quadrants(20, 10, BufferedImage.TYPE_INT_RGB);
        assertThat(new Scale(Geometry.plan(20, 10, new VariantSpec(0, 0, Fit.CONTAIN, ImageFormat.PNG, 85))).apply(source))
                .isSameAs(source);
    }
}
