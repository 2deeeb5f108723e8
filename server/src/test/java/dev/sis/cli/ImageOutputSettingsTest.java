package dev.sis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.config.ImageLimits;
import dev.sis.image.ImageFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code --auto-formats}, {@code --avif-effort} and {@code --quality}: their defaults, their values, clear refusals. */
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

    @Test
    void eachLossyFormatHasItsDefaultQualityAndTheFlagChangesOnlyThoseItNames() {
        assertThat(image().qualities()).isEqualTo(dev.sis.config.FormatQualities.DEFAULTS);
        assertThat(image().defaultQuality(null)).as("the source's format").isEqualTo(85);

        ImageLimits set = image("--quality", "avif=42, webp=77");

        assertThat(set.defaultQuality(ImageFormat.AVIF)).isEqualTo(42);
        assertThat(set.defaultQuality(ImageFormat.WEBP)).isEqualTo(77);
        assertThat(set.defaultQuality(ImageFormat.JPEG)).isEqualTo(dev.sis.config.FormatQualities.DEFAULTS.get(ImageFormat.JPEG));
        assertThat(set.defaultQuality(ImageFormat.PNG)).as("lossless: q changes nothing").isEqualTo(85);
    }

    @Test
    void badQualitiesAreRefusedByName() {
        for (String bad : new String[] {"avif", "avif=0", "avif=101", "png=50", "avif=50,avif=60", "avif=x", "", "heic=50"}) {
            assertThat(problems("--quality", bad)).as(bad).singleElement().asString().contains("--quality", "format=q");
        }
    }
}
