package dev.sis.image.jpeg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.config.ImageLimits;
import dev.sis.image.jpeg.JpegSamples.Sampling;
import dev.sis.testing.TestImages;
import java.awt.image.BufferedImage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import java.util.stream.Stream;

/**
 * The DCT-scaled decode matches the JDK's full decode box-averaged to the same size, at 35 dB
 * or better (the bar), for every scale, baseline and progressive, every usual chroma
 * sampling, with restart markers, and for grey images. Sizes that are not whole MCUs check the
 * edges.
 */
class ScaledJpegDecoderTest {
    static final ImageLimits LIMITS = ImageLimits.defaults();

    static Stream<Arguments> colourCases() {
        Stream.Builder<Arguments> cases = Stream.builder();
        for (boolean progressive : new boolean[] {false, true}) {
            for (Sampling sampling : Sampling.values()) {
                for (int reduction : new int[] {1, 2, 4, 8}) {
                    cases.add(Arguments.of(progressive, sampling, reduction, 0));
                }
            }
            cases.add(Arguments.of(progressive, Sampling.S420, 8, 3));
            cases.add(Arguments.of(progressive, Sampling.S422, 2, 1));
        }
        return cases.build();
    }

    @ParameterizedTest(name = "progressive={0} {1} 1/{2} restart={3}")
    @MethodSource("colourCases")
    void aColourJpegDecodesAtEachScaleLikeAFullDecodeShrunk(boolean progressive, Sampling sampling, int reduction, int restart) {
        BufferedImage picture = JpegSamples.picture(333, 217, BufferedImage.TYPE_INT_RGB, reduction);
        byte[] jpeg = JpegSamples.jpeg(picture, sampling, progressive, restart, 0.92f);
        assertThat(JpegSamples.markers(jpeg, 0xDA)).as("scans").matches(scans -> progressive ? scans > 3 : scans == 1);
        assertThat(JpegSamples.markers(jpeg, 0xD0)).as("restart markers").matches(rst -> restart > 0 ? rst > 0 : rst == 0);

        BufferedImage ours = ScaledJpegDecoder.open(jpeg, LIMITS).orElseThrow().decode(reduction, () -> { });

        BufferedImage reference = JpegSamples.boxDown(JpegSamples.fullDecode(jpeg), reduction);
        assertThat(ours.getWidth()).isEqualTo(reference.getWidth());
        assertThat(ours.getHeight()).isEqualTo(reference.getHeight());
        double psnr = TestImages.psnr(ours, reference);
        System.out.printf("progressive=%s %s 1/%d restart=%d: %.2f dB%n", progressive, sampling, reduction, restart, psnr);
        assertThat(psnr).isGreaterThanOrEqualTo(35);
    }

    @ParameterizedTest(name = "progressive={0} 1/{1}")
    @MethodSource("greyCases")
    void aGreyJpegDecodesAtEachScaleLikeAFullDecodeShrunk(boolean progressive, int reduction) {
        BufferedImage picture = JpegSamples.picture(301, 199, BufferedImage.TYPE_BYTE_GRAY, 7);
        byte[] jpeg = JpegSamples.jpeg(picture, Sampling.S444, progressive, progressive ? 0 : 2, 0.9f);
        assertThat(JpegSamples.markers(jpeg, 0xC0 + (progressive ? 2 : 0))).as("frame header").isOne();

        BufferedImage ours = ScaledJpegDecoder.open(jpeg, LIMITS).orElseThrow().decode(reduction, () -> { });

        double psnr = TestImages.psnr(ours, JpegSamples.boxDown(JpegSamples.fullDecode(jpeg), reduction));
        System.out.printf("grey progressive=%s 1/%d: %.2f dB%n", progressive, reduction, psnr);
        assertThat(psnr).isGreaterThanOrEqualTo(35);
    }

    static Stream<Arguments> greyCases() {
        return Stream.of(false, true).flatMap(p -> Stream.of(1, 2, 4, 8).map(r -> Arguments.of(p, r)));
    }
}
