package dev.sis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.config.Preset;
import dev.sis.config.VariantFeatures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code --preset} (repeatable, or {@code SIS_PRESETS} with ;) and {@code --presets-only}: read, checked by the request parser, refused by name. */
class PresetSettingsTest {
    private static VariantFeatures features(Map<String, String> env, String... args) {
        ParseResult result = CommandLineParser.parse(args, env);
        assertThat(result).as("%s", List.of(args)).isInstanceOf(ParseResult.Run.class);
        return ((ParseResult.Run) result).config().features();
    }

    private static String problem(String... args) {
        ParseResult result = CommandLineParser.parse(args, Map.of());
        assertThat(result).as("%s", List.of(args)).isInstanceOf(ParseResult.Invalid.class);
        List<String> problems = ((ParseResult.Invalid) result).problems();
        assertThat(problems).hasSize(1);
        return problems.getFirst();
    }

    @Test
    void repeatedFlagsAddUpAndKeepTheirParametersInOrder() {
        VariantFeatures features = features(Map.of(), "--preset", "thumb=w:300,h:200,fit:cover,format:auto",
                "--preset", "wide=w:1200,eager", "--presets-only");

        assertThat(features.presets()).extracting(Preset::name).containsExactly("thumb", "wide");
        assertThat(features.preset("thumb").orElseThrow().parameters())
                .containsExactly(Map.entry("w", "300"), Map.entry("h", "200"), Map.entry("fit", "cover"),
                        Map.entry("format", "auto"));
        assertThat(features.preset("thumb").orElseThrow().eager()).isFalse();
        assertThat(features.preset("wide").orElseThrow().eager()).isTrue();
        assertThat(features.presetsOnly()).isTrue();
    }

    @Test
    void theVariableSeparatesPresetsWithSemicolons() {
        VariantFeatures features = features(Map.of("SIS_PRESETS", "a=w:10;b=h:20,eager"));

        assertThat(features.presets()).extracting(Preset::name).containsExactly("a", "b");
        assertThat(features.preset("b").orElseThrow().parameters()).containsExactly(Map.entry("h", "20"));
    }

    @Test
    void noPresetsByDefault() {
        assertThat(features(Map.of()).presets()).isEmpty();
        assertThat(features(Map.of()).presetsOnly()).isFalse();
    }

    @Test
    void badPresetsFailTheStartNamingTheFlagAndThePreset() {
        assertThat(problem("--preset", "t=w:300,blur2:3")).contains("--preset", "the preset t", "blur2");
        assertThat(problem("--preset", "t=w:0")).contains("--preset", "the preset t", "w must be an integer");
        assertThat(problem("--preset", "t=fit:sideways,w:3")).contains("--preset", "fit must be one of");
        assertThat(problem("--preset", "t=w:3", "--preset", "t=h:4")).contains("--preset", "t twice");
        assertThat(problem("--preset", "t=")).contains("--preset", "t");
        assertThat(problem("--preset", "t=fit:cover")).contains("--preset", "names no variant");
        assertThat(problem("--preset", "no name")).contains("--preset", "name=");
        assertThat(problem("--preset", "t=w:3,w:4")).contains("--preset", "w twice");
        assertThat(problem("--presets-only")).contains("--presets-only", "at least one --preset");
    }
}
