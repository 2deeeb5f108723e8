package dev.sis.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.client.Fit;
import dev.sis.config.ImageLimits;
import dev.sis.image.jpeg.JpegSamples;
import dev.sis.image.jpeg.JpegSamples.Sampling;
import dev.sis.image.jpeg.ScaledJpegDecoder;
import dev.sis.testing.ImageFiles;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The decode gate admits a variant by its {@link JavaPreparedVariant#memoryBytes()}: for a JPEG
 * shrunk on load that counts the scaled decoder's working memory — for a progressive one, every
 * block's coefficients, held until the last scan — wherever the frame header lies in the file.
 * Before, the estimate looked for the frame header in the bytes before the reader's position,
 * which TwelveMonkeys' reader leaves at 0: it never found one, and the gate counted the usual
 * way's memory only.
 */
class ShrinkOnLoadEstimateTest {
    private static final JavaImageEngine ENGINE = new JavaImageEngine(ImageLimits.defaults());
    private static final BufferedImage PICTURE = JpegSamples.picture(1600, 1000, BufferedImage.TYPE_INT_RGB, 18);
    /** 1/8 of 1600 × 1000 is 200 × 125, which still covers it. */
    private static final VariantSpec THUMBNAIL = new VariantSpec(180, 0, Fit.CONTAIN, ImageFormat.JPEG, 80);

    @ParameterizedTest(name = "APP1 of {0} bytes before the frame header")
    @ValueSource(ints = {0, 60_000})
    void aProgressiveJpegShrunkOnLoadIsEstimatedWithItsCoefficientPlanes(int exifBytes) throws IOException {
        byte[] jpeg = JpegSamples.jpeg(PICTURE, Sampling.S420, true, 0, 0.9f);
        if (exifBytes > 0) {
            jpeg = withExifOf(jpeg, exifBytes);
        }
        long planes = ScaledJpegDecoder.workingBytes(jpeg, 8);
        assertThat(planes).as("1.5 planes of 2-byte coefficients").isGreaterThan(3L * 1600 * 1000 / 2);

        try (SourceImage source = SourceImage.open(new ByteArrayInputStream(jpeg))) {
            assertThat(ShrinkOnLoad.workingBytes(source, 8)).isEqualTo(planes);
        }
        try (JavaPreparedVariant variant = ENGINE.prepare(new ByteArrayInputStream(jpeg), jpeg.length, THUMBNAIL)) {
            assertThat(variant.reduction()).isEqualTo(8);
            assertThat(variant.memoryBytes()).as("the file, its copy and the planes")
                    .isGreaterThanOrEqualTo(2L * jpeg.length + planes);
        }
    }

    /**
     * Metadata is not bounded before the frame header (a JPEG segment is, but not their number):
     * 1.2 MB of comments do not hide the frame header from the estimate.
     */
    @Test
    void theFrameHeaderIsFoundBehindMoreThanAMegabyteOfMetadata() {
        byte[] jpeg = JpegSamples.jpeg(PICTURE, Sampling.S420, true, 0, 0.9f);
        for (int i = 0; i < 20; i++) {
            jpeg = ImageFiles.withComment(jpeg, "c".repeat(60_000));
        }
        long planes = ScaledJpegDecoder.workingBytes(jpeg, 8);

        try (JavaPreparedVariant variant = ENGINE.prepare(new ByteArrayInputStream(jpeg), jpeg.length, THUMBNAIL)) {
            assertThat(variant.reduction()).isEqualTo(8);
            assertThat(variant.memoryBytes()).isGreaterThanOrEqualTo(2L * jpeg.length + planes);
        }
    }

    /** {@code jpeg} with an EXIF segment (upright) padded to {@code bytes} right after its SOI. */
    private static byte[] withExifOf(byte[] jpeg, int bytes) {
        byte[] prefix = "Exif\0\0".getBytes(StandardCharsets.ISO_8859_1);
        byte[] tiff = ImageFiles.exif(1);
        return ImageFiles.withJpegSegment(jpeg, 0xE1,
                ImageFiles.concat(prefix, tiff, new byte[bytes - prefix.length - tiff.length]));
    }
}
