package dev.sis.image;

import static dev.sis.image.Images.corners;
import static dev.sis.image.Images.quadrants;
import static dev.sis.image.Images.rgb;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.testing.ImageFiles;
import dev.sis.testing.TestImages;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * EXIF orientation: the {@link Orient} step for all 8 values, and the whole engine reading the
 * orientation from JPEG, PNG and WebP files, with sizes as displayed.
 */
class OrientTest {
    private static final double[] RED = rgb(255, 0, 0);
    private static final double[] GREEN = rgb(0, 255, 0);
    private static final double[] BLUE = rgb(0, 0, 255);
    private static final double[] WHITE = rgb(255, 255, 255);
    private static final Map<Character, double[]> COLOURS = Map.of('R', RED, 'G', GREEN, 'B', BLUE, 'W', WHITE);

    /** Stored: red, green / blue, white (40×20). Shown: the corners after turning, per the EXIF spec. */
    @ParameterizedTest(name = "orientation {0}")
    @CsvSource({"1, 40, 20, RGBW", "2, 40, 20, GRWB", "3, 40, 20, WBGR", "4, 40, 20, BWRG",
            "5, 20, 40, RBGW", "6, 20, 40, BRWG", "7, 20, 40, WGBR", "8, 20, 40, GWRB"})
    void theStepTurnsEachOrientationUpright(int exif, int width, int height, String cornerColours) {
        BufferedImage stored = quadrants(40, 20, BufferedImage.TYPE_INT_RGB);

        BufferedImage shown = new Orient(Orientation.fromExif(exif)).apply(stored);

        assertThat(shown.getWidth()).isEqualTo(width);
        assertThat(shown.getHeight()).isEqualTo(height);
        assertCorners(shown, cornerColours, 1);
    }

    @ParameterizedTest(name = "{0}, orientation {1}")
    @CsvSource({"jpeg, 1, RGBW", "jpeg, 2, GRWB", "jpeg, 3, WBGR", "jpeg, 4, BWRG",
            "jpeg, 5, RBGW", "jpeg, 6, BRWG", "jpeg, 7, WGBR", "jpeg, 8, GWRB",
            "png, 6, BRWG", "png, 3, WBGR", "webp, 6, BRWG", "webp, 8, GWRB"})
    void theEngineReadsTheOrientationAndReportsDisplayedSizes(String format, int exif, String cornerColours) {
        BufferedImage stored = quadrants(120, 60, BufferedImage.TYPE_INT_RGB);
        byte[] file = ImageFiles.withExif(switch (format) {
            case "jpeg" -> ImageFiles.jpeg(stored, "4:4:4", false);
            case "png" -> TestImages.encode(stored, "png");
            default -> ImageFiles.webp(stored, true, 1);
        }, exif);
        boolean swapped = exif >= 5;

        ImageInfo info = ImageProbe.probe(new ByteArrayInputStream(file), true);
        assertThat(info.width()).isEqualTo(swapped ? 60 : 120);
        assertThat(info.height()).isEqualTo(swapped ? 120 : 60);

        BufferedImage shown = Images.decoded(Images.variant(file, 0, 0, ImageFormat.PNG));
        assertThat(shown.getWidth()).isEqualTo(info.width());
        assertThat(shown.getHeight()).isEqualTo(info.height());
        assertCorners(shown, cornerColours, 12);

        // w and h mean the displayed image: w=30 of a 60-wide portrait is half of it.
        BufferedImage half = Images.decoded(Images.variant(file, info.width() / 2, 0, ImageFormat.PNG));
        assertThat(half.getWidth()).isEqualTo(info.width() / 2);
        assertThat(half.getHeight()).isEqualTo(info.height() / 2);
    }

    @ParameterizedTest
    @CsvSource({"0", "9", "65535"})
    void anOutOfRangeOrientationIsUpright(int exif) {
        byte[] file = ImageFiles.withExif(TestImages.encode(quadrants(40, 20, BufferedImage.TYPE_INT_RGB), "png"), exif);
        assertCorners(Images.decoded(Images.variant(file, 0, 0, ImageFormat.PNG)), "RGBW", 1);
    }

    private static void assertCorners(BufferedImage image, String expected, double tolerance) {
        double[][] actual = corners(image);
        for (int i = 0; i < 4; i++) {
            assertThat(Images.near(actual[i], COLOURS.get(expected.charAt(i)), tolerance))
                    .as("corner %d is %s, got %s", i, expected.charAt(i), java.util.Arrays.toString(actual[i]))
                    .isTrue();
        }
    }
}
