package dev.sis.image;

import dev.sis.client.Fit;
import static dev.sis.image.Images.corners;
import static dev.sis.image.Images.near;
import static dev.sis.image.Images.quadrants;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.testing.ImageFiles;
import dev.sis.testing.TestImages;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every input flavour through every output format: the variant decodes, has the planned size,
 * and keeps the colours of the source's four quadrants.
 */
class FormatRoundTripTest {
    private static final BufferedImage PICTURE = quadrants(200, 100, BufferedImage.TYPE_INT_RGB);

    static Stream<Arguments> inputs() {
        return Stream.of(
                Arguments.of("jpeg baseline 4:2:0", ImageFiles.jpeg(PICTURE, "4:2:0", false)),
                Arguments.of("jpeg baseline 4:2:2", ImageFiles.jpeg(PICTURE, "4:2:2", false)),
                Arguments.of("jpeg baseline 4:4:4", ImageFiles.jpeg(PICTURE, "4:4:4", false)),
                Arguments.of("jpeg progressive 4:2:0", ImageFiles.jpeg(PICTURE, "4:2:0", true)),
                Arguments.of("png 8-bit rgb", TestImages.encode(PICTURE, "png")),
                Arguments.of("png 8-bit palette", TestImages.encode(indexed(PICTURE), "png")),
                Arguments.of("png 8-bit rgba", TestImages.encode(convert(PICTURE, BufferedImage.TYPE_INT_ARGB), "png")),
                Arguments.of("png 16-bit rgb", TestImages.encode(convert(PICTURE, BufferedImage.TYPE_CUSTOM), "png")),
                Arguments.of("gif", TestImages.encode(indexed(PICTURE), "gif")),
                Arguments.of("webp lossy", ImageFiles.webp(PICTURE, false, 0.9f)),
                Arguments.of("webp lossless", ImageFiles.webp(PICTURE, true, 1)),
                Arguments.of("bmp", TestImages.encode(PICTURE, "bmp")));
    }

    static Stream<Arguments> everyInputToEveryOutput() {
        return inputs().flatMap(input -> Stream.of(ImageFormat.JPEG, ImageFormat.PNG, ImageFormat.GIF, ImageFormat.WEBP)
                .map(output -> Arguments.of(input.get()[0], input.get()[1], output)));
    }

    @ParameterizedTest(name = "{0} to {2}")
    @MethodSource("everyInputToEveryOutput")
    void theVariantHasThePlannedSizeAndTheColours(String name, byte[] source, ImageFormat output) {
        EncodedImage variant = Images.variant(source, 100, 0, output);

        assertThat(variant.format()).isEqualTo(output);
        assertThat(ImageFormat.sniff(variant.bytes(), variant.bytes().length)).contains(output);
        BufferedImage image = Images.decoded(variant);
        assertThat(image.getWidth()).isEqualTo(100);
        assertThat(image.getHeight()).isEqualTo(50);
        double[][] expected = corners(scaledDown());
        double[][] actual = corners(image);
        for (int i = 0; i < 4; i++) {
            assertThat(near(actual[i], expected[i], 16))
                    .as("corner %d: %s, expected %s", i, Arrays.toString(actual[i]), Arrays.toString(expected[i]))
                    .isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inputs")
    void withoutAFormatTheVariantKeepsTheSourceFormatOrBecomesPng(String name, byte[] source) {
        ImageFormat sourceFormat = ImageFormat.sniff(source, source.length).orElseThrow();
        EncodedImage variant = Images.ENGINE.makeVariant(new java.io.ByteArrayInputStream(source),
                new VariantSpec(50, 0, Fit.CONTAIN, null, 85));
        assertThat(variant.format()).isEqualTo(sourceFormat == ImageFormat.BMP ? ImageFormat.PNG : sourceFormat);
        assertThat(Images.decoded(variant).getWidth()).isEqualTo(50);
    }

    private static BufferedImage scaledDown() {
        return quadrants(100, 50, BufferedImage.TYPE_INT_RGB);
    }

    private static BufferedImage indexed(BufferedImage image) {
        return convert(image, BufferedImage.TYPE_BYTE_INDEXED);
    }

    /** {@code image} redrawn as {@code type}; TYPE_CUSTOM means 16-bit RGB. */
    static BufferedImage convert(BufferedImage image, int type) {
        BufferedImage target;
        if (type == BufferedImage.TYPE_CUSTOM) {
            var space = java.awt.color.ColorSpace.getInstance(java.awt.color.ColorSpace.CS_sRGB);
            var model = new java.awt.image.ComponentColorModel(space, false, false, java.awt.Transparency.OPAQUE,
                    java.awt.image.DataBuffer.TYPE_USHORT);
            target = new BufferedImage(model, model.createCompatibleWritableRaster(image.getWidth(), image.getHeight()),
                    false, null);
        } else {
            target = new BufferedImage(image.getWidth(), image.getHeight(), type);
        }
        var g = target.createGraphics();
        try {
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return target;
    }
}
