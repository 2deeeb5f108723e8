package dev.sis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.config.ImageLimits;
import dev.sis.image.ImageFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code --auto-formats} and {@code --avif-effort}: their defaults, their values, clear refusals. */
class ImageOutputSettingsTest {
    private static ImageLimits image(String... args) {
        ParseResult result = CommandLineParser.parse(args, Map.of());
        assertThat(result).as("%s", List.of(args)).isInstanceOf(ParseResult.Run.class);
        return ((ParseResult.Run) result).config().image();
    }

    private static List<String> problems(String... args) {
        ParseResult result = CommandLineParser.parse(args, Map.of());
        assertThat(result).as("%s", List.of(args)).isInstanceOf(ParseResult.Invalid.class);
        return ((ParseResult.Invalid) result).problems();
    }

    @Test
    void theDefaultsOfferAvifThenWebpAtEffortTwo() {
        assertThat(image().autoFormats()).containsExactly(ImageFormat.AVIF, ImageFormat.WEBP);
        assertThat(image().avifEffort()).isEqualTo(2);
    }

    @Test
    void theFlagsSetTheOffersInTheirOrderAndTheEffort() {
        assertThat(image("--auto-formats", "webp,avif").autoFormats()).containsExactly(ImageFormat.WEBP, ImageFormat.AVIF);
        assertThat(image("--auto-formats", "webp").autoFormats()).containsExactly(ImageFormat.WEBP);
        assertThat(image("--auto-formats", "").autoFormats()).isEmpty();
        assertThat(image("--avif-effort", "9").avifEffort()).isEqualTo(9);
    }

    @Test
    void badValuesAreRefusedByName() {
        assertThat(problems("--auto-formats", "jpeg")).singleElement().asString()
                .contains("--auto-formats", "avif and webp");
        assertThat(problems("--auto-formats", "webp,webp")).singleElement().asString().contains("--auto-formats");
        assertThat(problems("--auto-formats", "avif2")).singleElement().asString().contains("--auto-formats");
        assertThat(problems("--avif-effort", "10")).singleElement().asString().contains("--avif-effort", "0 to 9");
    }
}
