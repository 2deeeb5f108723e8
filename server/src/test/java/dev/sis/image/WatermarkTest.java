package dev.sis.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sis.client.Fit;
import dev.sis.testing.TestImages;
import dev.sis.testing.WatermarkImages;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The watermark: checked when loaded, placed by its position, scale and margin, and laid over
 * the variant's pixels at its opacity by the engine under test ({@link Images#ENGINE}).
 */
class WatermarkTest {
    private static final Watermark MARK = Watermark.of(WatermarkImages.halfRedMark(), "mark.png");

    @TempDir
    Path dir;

    private static WatermarkSpec spec(int opacity, WatermarkSpec.Position position, int scale) {
        return new WatermarkSpec(opacity, position, scale, MARK.hash());
    }

    @Test
    void theWatermarkIsScaledToItsShareOfTheWidthAndSetInsideTheMargin() {
        // 25 % of 400 = 100 wide, 50 high (the mark is 2:1); the margin is 2 % of 300 = 6
        assertThat(MARK.placement(400, 300, spec(50, WatermarkSpec.Position.SOUTHEAST, 25)))
                .isEqualTo(new Rectangle(294, 244, 100, 50));
        assertThat(MARK.placement(400, 300, spec(50, WatermarkSpec.Position.NORTHWEST, 25)))
                .isEqualTo(new Rectangle(6, 6, 100, 50));
        assertThat(MARK.placement(400, 300, spec(50, WatermarkSpec.Position.CENTER, 25)))
                .isEqualTo(new Rectangle(150, 125, 100, 50));
        assertThat(MARK.placement(400, 300, spec(50, WatermarkSpec.Position.SOUTH, 25)))
                .isEqualTo(new Rectangle(150, 244, 100, 50));
    }

    @Test
    void aWatermarkTooLargeForTheVariantIsShrunkToFitInsideTheMargins() {
        // 100 % of 400 would be 400×200 on a 400×100 variant: shrunk to 2 px margins, proportions kept
        Rectangle at = MARK.placement(400, 100, spec(50, WatermarkSpec.Position.NORTHEAST, 100));

        assertThat(at.height).isEqualTo(96);
        assertThat(at.width).isEqualTo(192);
        assertThat(at.x + at.width).isEqualTo(398);
    }

    @Test
    void theEngineBlendsTheWatermarkAtItsPlaceAndOpacityAndLeavesTheRest() {
        byte[] source = WatermarkImages.greyPng(400, 300);
        VariantSpec spec = new VariantSpec(0, 0, Fit.CONTAIN, ImageFormat.PNG, 85)
                .withWatermark(spec(50, WatermarkSpec.Position.SOUTHEAST, 25));

        BufferedImage out = TestImages.decode(engineWithMark().makeVariant(new ByteArrayInputStream(source), spec).bytes());

        int[] red = WatermarkImages.redOverGrey(0.5);
        double grey = WatermarkImages.GREY;
        // the mark covers x 294..393, y 244..293: its left half opaque red, its right half transparent
        assertThat(Images.meanColour(out, 310, 268, 16)).satisfies(c ->
                assertThat(Images.near(c, Images.rgb(red[0], red[1], red[2]), 3)).as("%s", java.util.Arrays.toString(c)).isTrue());
        assertThat(Images.near(Images.meanColour(out, 375, 268, 16), new double[] {grey, grey, grey}, 2)).isTrue();
        assertThat(Images.near(Images.meanColour(out, 100, 100, 16), new double[] {grey, grey, grey}, 0)).isTrue();
        assertThat(Images.near(Images.meanColour(out, 310, 236, 8), new double[] {grey, grey, grey}, 2))
                .as("above the mark").isTrue();
    }

    @Test
    void aSpecForAnotherWatermarkFileIsRefusedNotMadeWithThisOne() {
        VariantSpec other = new VariantSpec(50, 0, Fit.CONTAIN, ImageFormat.PNG, 85)
                .withWatermark(new WatermarkSpec(50, WatermarkSpec.Position.SOUTHEAST, 25, "00000000"));

        assertThatThrownBy(() -> engineWithMark().makeVariant(
                new ByteArrayInputStream(WatermarkImages.greyPng(100, 80)), other))
                .hasMessageContaining("00000000");
    }

    @Test
    void unusableFilesAreRefusedWithTheReason() throws Exception {
        Path jpeg = Files.write(dir.resolve("mark.jpg"), TestImages.jpeg(20, 10));
        Path broken = Files.write(dir.resolve("broken.png"), java.util.Arrays.copyOf(WatermarkImages.halfRedMark(), 30));
        Path huge = Files.write(dir.resolve("huge.png"), TestImages.encode(new BufferedImage(4097, 1,
                BufferedImage.TYPE_INT_ARGB), "png"));

        assertThatThrownBy(() -> Watermark.load(dir.resolve("none.png"))).hasMessageContaining("no such file");
        assertThatThrownBy(() -> Watermark.load(jpeg)).hasMessageContaining("not a PNG");
        assertThatThrownBy(() -> Watermark.load(broken)).hasMessageContaining("broken PNG");
        assertThatThrownBy(() -> Watermark.load(huge)).hasMessageContaining("4097x1", "at most 4096");
        assertThat(Watermark.load(Files.write(dir.resolve("ok.png"), WatermarkImages.halfRedMark())).hash())
                .isEqualTo(MARK.hash()).hasSize(8);
    }

    @Test
    void theIdCarriesTheWatermarkOnlyWhenThereIsOneAndParsesBack() {
        VariantSpec plain = new VariantSpec(300, 200, Fit.COVER, ImageFormat.JPEG, 85);
        VariantSpec marked = plain.withWatermark(spec(35, WatermarkSpec.Position.NORTH, 10));

        assertThat(plain.id()).isEqualTo("w300-h200-cover-jpeg-q85");
        assertThat(marked.id()).isEqualTo("w300-h200-cover-jpeg-q85-wm35-north-s10-" + MARK.hash());
        assertThat(VariantSpec.parseId(marked.id())).hasValue(marked);
        assertThat(VariantSpec.parseId(plain.id() + "-wm35-up-s10-" + MARK.hash())).isEmpty();
        assertThat(VariantSpec.parseId(plain.id() + "-wm0-north-s10-" + MARK.hash())).isEmpty();
    }

    /** The engine under test, with {@link #MARK}. */
    private static ImageEngine engineWithMark() {
        return switch (System.getProperty("sis.test.engine", "java")) {
            case "vips" -> VipsImageEngine.load(LibVips.LIBRARY, dev.sis.config.ImageLimits.defaults(), MARK,
                    new StringBuilder()).orElseThrow();
            default -> new JavaImageEngine(dev.sis.config.ImageLimits.defaults(), MARK);
        };
    }
}
