package dev.sis.image;

import static dev.sis.image.Images.flat;
import static dev.sis.image.Images.meanColour;
import static dev.sis.image.Images.near;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.testing.ImageFiles;
import dev.sis.testing.TestImages;
import java.awt.Color;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Colour: every variant is sRGB. CMYK and YCCK JPEGs, ICC-tagged JPEGs and PNGs, grey at 8 and
 * 16 bits, and transparency going to each output format, each against a reference conversion.
 */
class ColourTest {

    /** Without a profile, CMYK is converted the usual way: R = 255 × (1 − C) × (1 − K), and so on. */
    @ParameterizedTest(name = "cmyk {0} {1} {2} {3}, ycck {4}")
    @CsvSource({"0, 0, 0, 0, false", "255, 0, 0, 0, false", "0, 255, 0, 0, false", "0, 0, 255, 0, false",
            "0, 0, 0, 255, false", "128, 64, 32, 16, false",
            "0, 0, 0, 0, true", "255, 0, 0, 0, true", "0, 255, 0, 0, true", "0, 0, 255, 0, true",
            "0, 0, 0, 255, true", "128, 64, 32, 16, true"})
    void cmykAndYcckJpegsBecomeTheRightRgb(int c, int m, int y, int k, boolean ycck) {
        byte[] file = ImageFiles.cmykJpeg(48, 32, new int[] {c, m, y, k}, ycck);
        double white = (255 - k) / 255.0;
        double[] expected = {(255 - c) * white, (255 - m) * white, (255 - y) * white};

        for (ImageFormat output : new ImageFormat[] {ImageFormat.PNG, ImageFormat.JPEG}) {
            double[] actual = meanColour(Images.decoded(Images.variant(file, 24, 0, output)));
            assertThat(near(actual, expected, 4)).as("%s: %s, expected %s", output,
                    Arrays.toString(actual), Arrays.toString(expected)).isTrue();
        }
    }

    /** Grey 128 tagged with a linear-light profile is a lighter grey in sRGB: the profile is honoured. */
    @ParameterizedTest
    @ValueSource(strings = {"jpeg", "png"})
    void anEmbeddedIccProfileIsConvertedToSrgb(String format) {
        byte[] linear = ICC_Profile.getInstance(ColorSpace.CS_LINEAR_RGB).getData();
        BufferedImage grey = flat(40, 40, BufferedImage.TYPE_INT_RGB, new Color(128, 128, 128));
        byte[] file = format.equals("jpeg")
                ? ImageFiles.withIccProfile(ImageFiles.jpeg(grey, "4:4:4", false), linear)
                : ImageFiles.withPngIccProfile(TestImages.encode(grey, "png"), linear);
        float[] srgb = ColorSpace.getInstance(ColorSpace.CS_LINEAR_RGB).toRGB(new float[] {128 / 255f, 128 / 255f, 128 / 255f});
        double[] expected = {srgb[0] * 255, srgb[1] * 255, srgb[2] * 255};

        double[] actual = meanColour(Images.decoded(Images.variant(file, 20, 0, ImageFormat.PNG)));

        assertThat(expected[0]).as("the reference itself is lighter").isGreaterThan(170);
        assertThat(near(actual, expected, 3)).as("%s, expected %s", Arrays.toString(actual), Arrays.toString(expected)).isTrue();
    }

    @Test
    void anSrgbProfileChangesNothing() {
        byte[] srgb = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();
        BufferedImage colour = flat(40, 40, BufferedImage.TYPE_INT_RGB, new Color(200, 100, 50));
        byte[] file = ImageFiles.withPngIccProfile(TestImages.encode(colour, "png"), srgb);
        assertThat(near(meanColour(Images.decoded(Images.variant(file, 20, 0, ImageFormat.PNG))),
                Images.rgb(200, 100, 50), 2)).isTrue();
    }

    /** Grey samples are display grey levels (Java's own grey space would make them lighter). */
    @ParameterizedTest
    @ValueSource(ints = {8, 16})
    void greyPngsKeepTheirLevels(int bits) {
        int type = bits == 8 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_USHORT_GRAY;
        BufferedImage grey = new BufferedImage(40, 40, type);
        WritableRaster raster = grey.getRaster();
        int level = bits == 8 ? 100 : 100 * 257;
        for (int y = 0; y < 40; y++) {
            for (int x = 0; x < 40; x++) {
                raster.setSample(x, y, 0, level);
            }
        }
        byte[] file = TestImages.encode(grey, "png");
        for (ImageFormat output : new ImageFormat[] {ImageFormat.PNG, ImageFormat.JPEG, ImageFormat.WEBP, ImageFormat.GIF}) {
            double[] actual = meanColour(Images.decoded(Images.variant(file, 20, 0, output)));
            assertThat(near(actual, Images.rgb(100, 100, 100), 3)).as("%s: %s", output, Arrays.toString(actual)).isTrue();
        }
    }

    /** Half-transparent red: on white in a JPEG, kept translucent in PNG and WebP. */
    @Test
    void transparencyIsFlattenedOnWhiteForJpegAndKeptElsewhere() {
        byte[] file = TestImages.encode(flat(40, 40, BufferedImage.TYPE_INT_ARGB, new Color(255, 0, 0, 128)), "png");

        double[] jpeg = meanColour(Images.decoded(Images.variant(file, 20, 0, ImageFormat.JPEG)));
        assertThat(near(jpeg, Images.rgb(255, 127, 127), 4)).as(Arrays.toString(jpeg)).isTrue();

        for (ImageFormat output : new ImageFormat[] {ImageFormat.PNG, ImageFormat.WEBP}) {
            BufferedImage image = Images.decoded(Images.variant(file, 20, 0, output));
            int pixel = image.getRGB(10, 10);
            assertThat(pixel >>> 24).as("%s alpha", output).isBetween(124, 132);
            assertThat((pixel >> 16) & 0xFF).as("%s red", output).isGreaterThan(245);
            assertThat(pixel & 0xFFFF).as("%s green and blue", output).isLessThan(0x0808);
        }
    }

    /** Fully transparent pixels stay transparent in a GIF (its one transparent palette entry). */
    @Test
    void transparentPixelsStayTransparentInGif() {
        BufferedImage half = new BufferedImage(40, 40, BufferedImage.TYPE_INT_ARGB);
        var g = half.createGraphics();
        g.setColor(Color.BLUE);
        g.fillRect(0, 0, 20, 40);
        g.dispose();

        BufferedImage gif = Images.decoded(Images.variant(TestImages.encode(half, "png"), 20, 0, ImageFormat.GIF));

        assertThat(gif.getRGB(2, 10) & 0xFFFFFF).isEqualTo(0x0000FF);
        assertThat(gif.getRGB(2, 10) >>> 24).isEqualTo(255);
        assertThat(gif.getRGB(17, 10) >>> 24).isZero();
    }
}
