package dev.sis.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.image.ImageFormat;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code format=auto}'s reading of {@code Accept}, malformed headers included (a fuzzer found ";"). */
class AcceptedFormatsTest {
    private static final List<ImageFormat> OFFERED = List.of(ImageFormat.AVIF, ImageFormat.WEBP);

    @ParameterizedTest
    @ValueSource(strings = {"", ";", ",", ";;,;", ",;,", " ; ", "image/avif;q=NaN", "image/avif;q=Infinity",
            "image/avif;q=2", "image/avif;q=1e0", "image/avif;q=", "image/avif;q=0", "image/avif;q=0.000",
            "image/avif;q=-1", "*/*", "image/*", "image/avifx", "text/html, image/webpx"})
    void malformedOrUnnamedRangesChooseNothing(String accept) {
        assertThat(AcceptedFormats.choose(accept, OFFERED)).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "image/avif,image/webp|AVIF",
            "image/avif;q=0.001, image/webp|AVIF",
            "image/avif;q=1.000|AVIF",
            "IMAGE/AVIF ; Q=0.5|AVIF",
            "image/avif;q=0, image/webp;q=0.9|WEBP",
            "image/avif;q=abc, image/webp|WEBP",
            ";, image/webp|WEBP"})
    void theFirstOfferedFormatNamedWithAWeightAboveZeroWins(String accept, ImageFormat chosen) {
        assertThat(AcceptedFormats.choose(accept, OFFERED)).isEqualTo(chosen);
    }
}
