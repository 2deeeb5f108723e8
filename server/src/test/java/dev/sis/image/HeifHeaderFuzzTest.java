package dev.sis.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.sis.errors.UnsupportedImageException;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * Fuzzes the HEIF box walk ({@link HeifHeader#read}) with hostile bytes: the only failure allowed
 * is "not a readable HEIF header" (415); a size read is positive and its turn 0–3. Seeds in
 * {@code HeifHeaderFuzzTestInputs/}: a HEIC and an AVIF written by libvips, and hand-built
 * boxes with a turn, a mirror and a meta box after the media data.
 */
class HeifHeaderFuzzTest {

    @FuzzTest
    void readsASizeOrRefuses(byte[] data) throws IOException {
        HeifHeader.Size size;
        try {
            size = HeifHeader.read(new ByteArrayInputStream(data));
        } catch (UnsupportedImageException refused) {
            return;
        }
        assertThat(size.width()).isPositive();
        assertThat(size.height()).isPositive();
        assertThat(size.quarterTurns()).isBetween(0, 3);
    }
}
