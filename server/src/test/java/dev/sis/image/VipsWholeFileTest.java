package dev.sis.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.client.Fit;
import dev.sis.config.ImageLimits;
import dev.sis.testing.Prerequisite;
import dev.sis.testing.Requires;
import dev.sis.testing.TestImages;
import java.io.ByteArrayInputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * libvips gets the whole file however its length was given: unknown, exact, or wrong either way
 * (read into an array of the given length, a file longer than said must not lose its end, and
 * one shorter must not fail).
 */
@Requires(Prerequisite.LIBVIPS)
class VipsWholeFileTest {
    private static final byte[] JPEG = TestImages.jpeg(640, 480, 5);
    private static final VariantSpec SPEC = new VariantSpec(160, 120, Fit.STRETCH, ImageFormat.JPEG, 90);

    @ParameterizedTest(name = "length given: file {0} bytes")
    @ValueSource(ints = {Integer.MIN_VALUE, 0, -1000, 1000})
    void theVariantIsTheSameWhateverLengthTheStoreGave(int offByOrUnknown) {
        ImageEngine vips = VipsImageEngine.load(ImageLimits.defaults(), new StringBuilder()).orElseThrow();
        long given = offByOrUnknown == Integer.MIN_VALUE ? 0 : JPEG.length + offByOrUnknown;

        byte[] exact = make(vips, JPEG.length);
        byte[] made = make(vips, given);

        assertThat(made).isEqualTo(exact);
    }

    private static byte[] make(ImageEngine engine, long length) {
        try (PreparedVariant prepared = engine.prepare(new ByteArrayInputStream(JPEG), length, SPEC)) {
            assertThat(prepared).isInstanceOf(VipsPreparedVariant.class);
            return prepared.make().bytes();
        }
    }
}
