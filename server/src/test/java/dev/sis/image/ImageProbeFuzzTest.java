package dev.sis.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.sis.errors.UnsupportedImageException;
import java.io.ByteArrayInputStream;
import java.util.Optional;

/**
 * Fuzzes header sniffing and probing with hostile bytes ({@link ImageFormat#sniff},
 * {@link ImageProbe#probe}): the only failure allowed is "not a supported image" (415); a
 * probed image has the sniffed format and positive dimensions. Public entry points only, so it
 * holds for any engine behind them. Seeds: tiny images of every format in
 * {@code ImageProbeFuzzTestInputs/}.
 */
class ImageProbeFuzzTest {

    @FuzzTest
    void probeReadsAHeaderOrRefuses(byte[] data) {
        Optional<ImageFormat> sniffed = ImageFormat.sniff(data, data.length);
        ImageInfo info;
        try {
            info = ImageProbe.probe(new ByteArrayInputStream(data), data.length % 2 == 0);
        } catch (UnsupportedImageException refused) {
            return;
        }
        assertThat(sniffed).as("a probed image was sniffed as the same format").contains(info.format());
        assertThat(info.width()).isPositive();
        assertThat(info.height()).isPositive();
        assertThat(info.frames()).isPositive();
    }
}
