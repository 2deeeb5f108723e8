package dev.sis.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

/** The flatten step: transparency on white, opaque frames untouched. */
class FlattenTest {
    @Test
    void transparentPixelsBecomeWhiteAndTranslucentOnesAreBlended() {
        BufferedImage image = new BufferedImage(3, 1, BufferedImage.TYPE_INT_ARGB_PRE);
        image.setRGB(0, 0, 0x00000000);
        image.setRGB(1, 0, 0x80FF0000);
        image.setRGB(2, 0, 0xFF0000FF);

        BufferedImage flat = new Flatten().apply(image);

        assertThat(flat.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
        assertThat(flat.getRGB(0, 0)).isEqualTo(0xFFFFFFFF);
        int blended = flat.getRGB(1, 0);
        assertThat((blended >> 16) & 0xFF).isEqualTo(255);
        assertThat((blended >> 8) & 0xFF).isBetween(126, 128);
        assertThat(flat.getRGB(2, 0)).isEqualTo(0xFF0000FF);
    }

    @Test
    void anOpaqueFrameIsReturnedAsIs() {
        BufferedImage opaque = new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB);
        assertThat(new Flatten().apply(opaque)).isSameAs(opaque);
    }
}
