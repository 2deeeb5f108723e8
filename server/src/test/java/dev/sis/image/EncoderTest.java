package dev.sis.image;

import dev.sis.client.Fit;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.testing.ImageFiles;
import dev.sis.testing.TestImages;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The encode step: no metadata survives, the same input gives the same bytes, quality matters for lossy formats. */
class EncoderTest {
    private static final BufferedImage PICTURE = TestImages.picture(120, 80, 7);

    /** A phone photo's EXIF (orientation, description, GPS) and a comment: none of it reaches a variant. */
    @ParameterizedTest
    @EnumSource(value = ImageFormat.class, names = {"JPEG", "PNG", "GIF", "WEBP"})
    void metadataIsStrippedFromEveryVariant(ImageFormat output) {
        byte[] source = ImageFiles.withComment(ImageFiles.withExif(ImageFiles.jpeg(PICTURE, "4:2:0", false), 6),
                "SECRET-COMMENT");
        assertThat(new String(source, StandardCharsets.ISO_8859_1)).contains("Exif", "SECRET-DESC", "SECRET-COMMENT");

        byte[] variant = Images.variant(source, 60, 0, output).bytes();

        String text = new String(variant, StandardCharsets.ISO_8859_1);
        assertThat(text).doesNotContain("Exif", "EXIF", "eXIf", "SECRET-DESC", "SECRET-COMMENT", "GPS");
        // and the orientation was applied rather than copied: 80×120 shown, 60 wide
        assertThat(Images.decoded(new EncodedImage(variant, output)).getHeight()).isEqualTo(90);
    }

    @ParameterizedTest
    @EnumSource(value = ImageFormat.class, names = {"JPEG", "PNG", "GIF", "WEBP"})
    void theSameSourceAndSpecGiveTheSameBytes(ImageFormat output) {
        byte[] source = ImageFiles.webp(PICTURE, false, 0.8f);
        VariantSpec spec = new VariantSpec(50, 50, Fit.COVER, output, 70);

        byte[] first = Images.ENGINE.makeVariant(new ByteArrayInputStream(source), spec).bytes();
        byte[] second = Images.ENGINE.makeVariant(new ByteArrayInputStream(source), spec).bytes();

        assertThat(second).isEqualTo(first);
    }

    @ParameterizedTest
    @EnumSource(value = ImageFormat.class, names = {"JPEG", "WEBP"})
    void qualityChangesTheSizeOfLossyFormats(ImageFormat output) {
        BufferedImage frame = ToSrgb.convert(TestImages.picture(300, 200, 3));
        byte[] low = Encoder.encode(frame, output, 20);
        byte[] high = Encoder.encode(frame, output, 95);
        assertThat(low.length).isLessThan(high.length);
        assertThat(Images.decoded(new EncodedImage(low, output)).getWidth()).isEqualTo(300);
    }
}
