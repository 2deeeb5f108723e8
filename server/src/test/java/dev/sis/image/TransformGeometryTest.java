package dev.sis.image;

import static dev.sis.image.TransformShapes.SQUARE;
import static dev.sis.image.TransformShapes.squareCorner;
import static dev.sis.image.TransformShapes.squareOnlyAt;
import static dev.sis.image.TransformShapes.variant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sis.client.Fit;
import dev.sis.errors.InvalidInputException;
import dev.sis.testing.TestImages;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * crop, rotate, flip and pad on the engine under test ({@link Images#ENGINE}), against the known
 * answer of {@link TransformShapes}: where the red square lands, pixel for pixel, and each size.
 */
class TransformGeometryTest {

    @ParameterizedTest(name = "rotate={0} flip={1}")
    @CsvSource({"90, NONE", "180, NONE", "270, NONE", "0, H", "0, V", "0, HV", "90, H", "270, V"})
    void rotateAndFlipMoveTheSquareWhereThePointMapSays(int rotate, Transform.Flip flip) {
        BufferedImage out = variant(Images.ENGINE, Transform.NONE.withRotate(rotate).withFlip(flip));

        int[] expected = squareCorner(rotate, flip.horizontal(), flip.vertical());
        assertThat(new int[] {out.getWidth(), out.getHeight()}).containsExactly(expected[2], expected[3]);
        assertThat(squareOnlyAt(out, expected[0], expected[1])).as("square only at %d,%d", expected[0], expected[1]).isTrue();
    }

    @Test
    void cropKeepsTheRegionInDisplayedPixels() {
        BufferedImage out = variant(Images.ENGINE, Transform.NONE.withCrop(new Transform.Crop(3, 2, 20, 16)));

        assertThat(new int[] {out.getWidth(), out.getHeight()}).containsExactly(20, 16);
        assertThat(squareOnlyAt(out, 2, 3)).isTrue();
    }

    @Test
    void cropComesBeforeTheRotation() {
        BufferedImage out = variant(Images.ENGINE,
                Transform.NONE.withCrop(new Transform.Crop(0, 0, 30, 20)).withRotate(90));

        // the 30×20 region, turned clockwise: 20×30, the square's top-left from (5, 15) to (5, 5)
        assertThat(new int[] {out.getWidth(), out.getHeight()}).containsExactly(20, 30);
        assertThat(squareOnlyAt(out, 20 - 5 - SQUARE, 5)).isTrue();
    }

    @Test
    void theResizeAppliesToTheRotatedCrop() {
        VariantSpec spec = new VariantSpec(15, 0, Fit.CONTAIN, ImageFormat.PNG, 90).withTransform(Transform.NONE.withCrop(new Transform.Crop(0, 0, 30, 20)).withRotate(90));

        BufferedImage out = variant(Images.ENGINE, spec);

        assertThat(new int[] {out.getWidth(), out.getHeight()}).containsExactly(15, 23);
    }

    @Test
    void aCropOutsideTheImageIsRefusedNamingCrop() {
        VariantSpec spec = new VariantSpec(0, 0, Fit.CONTAIN, ImageFormat.PNG, 90).withTransform(Transform.NONE.withCrop(new Transform.Crop(50, 0, 20, 10)));

        assertThatThrownBy(() -> Images.ENGINE.makeVariant(new ByteArrayInputStream(TransformShapes.png()), spec))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("crop").hasMessageContaining("60×40");
    }

    @Test
    void padMakesExactlyTheSizeWithTheImageInTheCentreOnTheColour() {
        VariantSpec spec = new VariantSpec(60, 60, Fit.PAD, ImageFormat.PNG, 90).withTransform(Transform.NONE.withBackground(0xFF0000FF));

        BufferedImage out = variant(Images.ENGINE, spec);

        assertThat(new int[] {out.getWidth(), out.getHeight()}).containsExactly(60, 60);
        assertThat(out.getRGB(30, 5)).isEqualTo(0xFF0000FF); // the band above: blue
        assertThat(out.getRGB(30, 55)).isEqualTo(0xFF0000FF); // and below
        assertThat(out.getRGB(SQUARE + 2, 10 + 5 + 2)).isEqualTo(TransformShapes.RED); // the image, 10 px down
        assertThat(out.getRGB(40, 30)).isEqualTo(TransformShapes.WHITE);
    }

    @Test
    void padIsTransparentByDefaultForPngAndWhiteForJpeg() {
        BufferedImage png = variant(Images.ENGINE, new VariantSpec(60, 60, Fit.PAD, ImageFormat.PNG, 90).withTransform(Transform.NONE));
        EncodedImage jpeg = Images.ENGINE.makeVariant(new ByteArrayInputStream(TransformShapes.png()),
                new VariantSpec(60, 60, Fit.PAD, ImageFormat.JPEG, 95).withTransform(Transform.NONE));
        BufferedImage jpegPixels = TestImages.decode(jpeg.bytes());

        assertThat(png.getRGB(30, 2) >>> 24).isZero();
        assertThat(png.getRGB(30, 30) >>> 24).isEqualTo(255);
        assertThat(Images.near(Images.meanColour(jpegPixels, 30, 4, 4), Images.rgb(255, 255, 255), 3)).isTrue();
    }

    @Test
    void padWithOnlyOneSideGivenIsAContain() {
        BufferedImage out = variant(Images.ENGINE, new VariantSpec(30, 0, Fit.PAD, ImageFormat.PNG, 90).withTransform(Transform.NONE));

        assertThat(new int[] {out.getWidth(), out.getHeight()}).containsExactly(30, 20);
    }

    @Test
    void blurMixesAnEdgeAndSharpenOvershootsIt() {
        byte[] edge = greyEdge();
        int[] blurred = middleRow(edge, Transform.NONE.withBlurTenths(20));
        int[] sharpened = middleRow(edge, Transform.NONE.withSharpenTenths(10));
        int[] untouched = middleRow(edge, Transform.NONE);

        assertThat(untouched[19]).isEqualTo(100);
        assertThat(untouched[20]).isEqualTo(150);
        assertThat(blurred[19]).isBetween(110, 140);
        assertThat(blurred[20]).isBetween(110, 140);
        assertThat(blurred[2]).isEqualTo(100); // far from the edge, the flat grey stays
        assertThat(sharpened[19]).isLessThan(95);
        assertThat(sharpened[20]).isGreaterThan(155);
        assertThat(sharpened[2]).isEqualTo(100);
    }

    /** A 40×20 grey PNG: 100 on the left half, 150 on the right. */
    private static byte[] greyEdge() {
        BufferedImage image = new BufferedImage(40, 20, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 20; y++) {
            for (int x = 0; x < 40; x++) {
                int v = x < 20 ? 100 : 150;
                image.setRGB(x, y, v << 16 | v << 8 | v);
            }
        }
        return TestImages.encode(image, "png");
    }

    /** The green levels of the middle row of the PNG variant of {@code source}. */
    static int[] middleRow(byte[] source, Transform transform) {
        BufferedImage out = TestImages.decode(Images.ENGINE.makeVariant(new ByteArrayInputStream(source),
                new VariantSpec(0, 0, Fit.CONTAIN, ImageFormat.PNG, 90).withTransform(transform)).bytes());
        int[] row = new int[out.getWidth()];
        for (int x = 0; x < row.length; x++) {
            row[x] = (out.getRGB(x, out.getHeight() / 2) >> 8) & 0xFF;
        }
        return row;
    }
}
