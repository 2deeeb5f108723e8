package dev.sis.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.client.Fit;
import dev.sis.config.ImageLimits;
import dev.sis.testing.Prerequisite;
import dev.sis.testing.Requires;
import dev.sis.testing.TestImages;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Gravity on both engines, with generated images whose right answer is known: three coloured
 * bands show which third a compass gravity keeps (the same pixels on both engines), and a
 * detailed patch off-centre on a flat background shows that {@code smart} keeps the detail.
 */
class GravityEnginesTest {
    private static final int RED = 0xE01010;
    private static final int GREEN = 0x10C010;
    private static final int BLUE = 0x1010E0;

    /** Three 100-pixel bands, red, green, blue: across when {@code across}, else down. */
    private static byte[] bands(boolean across) {
        BufferedImage image = new BufferedImage(across ? 300 : 100, across ? 100 : 300, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int band = (across ? x : y) / 100;
                image.setRGB(x, y, band == 0 ? RED : band == 1 ? GREEN : BLUE);
            }
        }
        return TestImages.encode(image, "png");
    }

    private static BufferedImage cover(ImageEngine engine, byte[] source, int w, int h, Gravity gravity) {
        EncodedImage out = engine.makeVariant(new ByteArrayInputStream(source),
                new VariantSpec(w, h, Fit.COVER, ImageFormat.PNG, 85).withGravity(gravity));
        return TestImages.decode(out.bytes());
    }

    private static ImageEngine java() {
        return new JavaImageEngine(ImageLimits.defaults());
    }

    private static ImageEngine vips() {
        return VipsImageEngine.load(ImageLimits.defaults(), new StringBuilder()).orElseThrow();
    }

    /** The colour a 100×100 crop of the bands shows: it must be one band whole, edge to edge. */
    private static int band(BufferedImage crop) {
        assertThat(crop.getWidth() + "x" + crop.getHeight()).isEqualTo("100x100");
        int colour = crop.getRGB(50, 50) & 0xFFFFFF;
        for (int[] at : new int[][] {{0, 0}, {99, 0}, {0, 99}, {99, 99}}) {
            assertThat(crop.getRGB(at[0], at[1]) & 0xFFFFFF).as("corner %d,%d", at[0], at[1]).isEqualTo(colour);
        }
        return colour;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"WEST,true,RED", "CENTER,true,GREEN", "EAST,true,BLUE", "NORTHWEST,true,RED", "SOUTHEAST,true,BLUE",
            "NORTH,false,RED", "CENTER,false,GREEN", "SOUTH,false,BLUE", "NORTHEAST,false,RED", "SOUTHWEST,false,BLUE"})
    void compassGravityKeepsTheBandOnItsSideOnTheJavaEngine(Gravity.Kind kind, boolean across, String colour) {
        assertThat(band(cover(java(), bands(across), 100, 100, Gravity.of(kind)))).isEqualTo(colourOf(colour));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"WEST,true,RED", "CENTER,true,GREEN", "EAST,true,BLUE", "NORTHWEST,true,RED", "SOUTHEAST,true,BLUE",
            "NORTH,false,RED", "CENTER,false,GREEN", "SOUTH,false,BLUE", "NORTHEAST,false,RED", "SOUTHWEST,false,BLUE"})
    @Requires(Prerequisite.LIBVIPS)
    void compassGravityKeepsTheSameBandOnTheVipsEngine(Gravity.Kind kind, boolean across, String colour) {
        assertThat(band(cover(vips(), bands(across), 100, 100, Gravity.of(kind)))).isEqualTo(colourOf(colour));
    }

    /** A point off the middle of a band still shows that band whole: the window is placed, then kept inside. */
    @Test
    void aPointPlacesTheWindowOnTheJavaEngine() {
        assertThat(band(cover(java(), bands(true), 100, 100, Gravity.point(0.85, 0.5)))).isEqualTo(BLUE);
        assertThat(band(cover(java(), bands(false), 100, 100, Gravity.point(0.5, 0.1)))).isEqualTo(RED);
    }

    /** Both engines crop a point to the same pixels: the window is planned once, by the shared geometry. */
    @Test
    @Requires(Prerequisite.LIBVIPS)
    void aPointCropsTheSamePixelsOnBothEngines() {
        byte[] source = bands(true);
        // 0.4 puts the window's left edge at 70: 30 red columns, then green
        BufferedImage a = cover(java(), source, 100, 100, Gravity.point(0.4, 0.5));
        BufferedImage b = cover(vips(), source, 100, 100, Gravity.point(0.4, 0.5));
        for (int x : new int[] {0, 29, 30, 99}) {
            assertThat(b.getRGB(x, 50) & 0xFFFFFF).as("column %d", x).isEqualTo(a.getRGB(x, 50) & 0xFFFFFF);
        }
        assertThat(a.getRGB(29, 50) & 0xFFFFFF).isEqualTo(RED);
        assertThat(a.getRGB(30, 50) & 0xFFFFFF).isEqualTo(GREEN);
    }

    private static int colourOf(String name) {
        return switch (name) {
            case "RED" -> RED;
            case "GREEN" -> GREEN;
            default -> BLUE;
        };
    }

    /**
     * 600×200 of flat grey with a 60×60 patch of random dots at x 460..520: covered to 200×200
     * (no scaling), the centre crop (200..400) misses the patch; smart must keep it whole.
     */
    static byte[] detailOffCentre() {
        BufferedImage image = new BufferedImage(600, 200, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(17);
        for (int y = 0; y < 200; y++) {
            for (int x = 0; x < 600; x++) {
                boolean patch = x >= 460 && x < 520 && y >= 70 && y < 130;
                image.setRGB(x, y, patch ? random.nextInt(0x1000000) : 0x808080);
            }
        }
        return TestImages.encode(image, "png");
    }

    /** How many of the crop's pixels are far from the flat grey: the patch, if it was kept. */
    private static int detailedPixels(BufferedImage crop) {
        int count = 0;
        for (int y = 0; y < crop.getHeight(); y++) {
            for (int x = 0; x < crop.getWidth(); x++) {
                int p = crop.getRGB(x, y);
                int d = Math.abs(((p >> 16) & 0xFF) - 128) + Math.abs(((p >> 8) & 0xFF) - 128) + Math.abs((p & 0xFF) - 128);
                count += d > 30 ? 1 : 0;
            }
        }
        return count;
    }

    @Test
    void smartKeepsTheDetailedRegionOnTheJavaEngine() {
        byte[] source = detailOffCentre();
        assertThat(detailedPixels(cover(java(), source, 200, 200, Gravity.CENTER))).isZero();
        // 60×60 random dots: nearly all far from grey; all of them must be in the window
        assertThat(detailedPixels(cover(java(), source, 200, 200, Gravity.of(Gravity.Kind.SMART)))).isGreaterThan(3000);
    }

    @Test
    @Requires(Prerequisite.LIBVIPS)
    void smartKeepsTheDetailedRegionOnTheVipsEngine() {
        byte[] source = detailOffCentre();
        assertThat(detailedPixels(cover(vips(), source, 200, 200, Gravity.CENTER))).isZero();
        assertThat(detailedPixels(cover(vips(), source, 200, 200, Gravity.of(Gravity.Kind.SMART)))).isGreaterThan(3000);
    }

    /** A flat image has no detail anywhere: smart then crops as the centre does. */
    @Test
    void smartOnAFlatImageIsTheCentre() {
        int[] flat = new int[300 * 100];
        java.util.Arrays.fill(flat, 0x336699);
        assertThat(Saliency.bestWindow(flat, 300, 100, 100, 100)).containsExactly(100, 0);
    }
}
