package dev.sis.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The analysis kept with an image: focal point, dominant colour, and its sidecar's bytes. */
class ImageAnalysisTest {

    /** 64×48 flat grey with a textured 10×10 patch around (50, 10): the focal point must be on it. */
    @Test
    void theFocalPointIsOnTheDetailedRegion() {
        int[] pixels = new int[64 * 48];
        Arrays.fill(pixels, 0xFF808080);
        Random random = new Random(3);
        for (int y = 5; y < 15; y++) {
            for (int x = 45; x < 55; x++) {
                pixels[y * 64 + x] = 0xFF000000 | random.nextInt(0x1000000);
            }
        }
        Gravity focal = ImageAnalysis.of(pixels, 64, 48).focal();
        assertThat(focal.x() * 64).isBetween(44.0, 56.0);
        assertThat(focal.y() * 48).isBetween(4.0, 16.0);
    }

    @Test
    void aFlatImagesFocalPointIsItsCentre() {
        int[] pixels = new int[30 * 30];
        Arrays.fill(pixels, 0xFF123456);
        assertThat(ImageAnalysis.of(pixels, 30, 30).focal()).isEqualTo(Gravity.point(0.5, 0.5));
    }

    /** Two thirds red in two shades, one third blue: red's box is fuller, and its mean is given. */
    @Test
    void theDominantColourIsTheFullestBoxsMean() {
        int[] pixels = new int[300];
        for (int i = 0; i < 300; i++) {
            pixels[i] = i < 100 ? 0xFFC81010 : i < 200 ? 0xFFCA1212 : 0xFF1010F0;
        }
        assertThat(ImageAnalysis.dominantColor(pixels)).isEqualTo("#c91111");
    }

    @Test
    void transparentPixelsDoNotCount() {
        int[] pixels = new int[100];
        Arrays.fill(pixels, 0x00FFFFFF);
        pixels[0] = 0xFF00FF00;
        assertThat(ImageAnalysis.dominantColor(pixels)).isEqualTo("#00ff00");
    }

    @Test
    void theSidecarRoundTripsAndAnythingElseIsNotOne() {
        ImageAnalysis analysis = new ImageAnalysis(Gravity.point(0.25, 0.75), "L00000fQfQfQfQfQfQfQfQfQfQ", "#0a0b0c");
        assertThat(ImageAnalysis.parse(analysis.toJson())).hasValue(analysis);
        for (String bad : new String[] {"", "{}", "[1]", "{\"focal\":{\"x\":2,\"y\":0},\"blurhash\":\"L00000fQfQ\",\"dominantColor\":\"#000000\"}",
                "{\"focal\":{\"x\":0.5,\"y\":0.5},\"blurhash\":\"<script>\",\"dominantColor\":\"#000000\"}",
                "{\"focal\":{\"x\":0.5,\"y\":0.5},\"blurhash\":\"L00000fQfQ\",\"dominantColor\":\"red\"}"}) {
            assertThat(ImageAnalysis.parse(bad.getBytes(StandardCharsets.UTF_8))).as(bad).isEmpty();
        }
    }
}
