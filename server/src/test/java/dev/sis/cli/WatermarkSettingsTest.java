package dev.sis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.config.VariantFeatures;
import dev.sis.testing.TestImages;
import dev.sis.testing.WatermarkImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --watermark} is read and checked at start; {@code --watermark-all} needs it; a preset may carry wm. */
class WatermarkSettingsTest {
    @TempDir
    Path dir;

    private static ParseResult parse(Map<String, String> env, String... args) {
        return CommandLineParser.parse(args, env);
    }

    private static List<String> problems(String... args) {
        ParseResult result = parse(Map.of(), args);
        assertThat(result).as("%s", List.of(args)).isInstanceOf(ParseResult.Invalid.class);
        return ((ParseResult.Invalid) result).problems();
    }

    @Test
    void aPngIsReadAtStartFromTheFlagOrTheVariable() throws Exception {
        Path mark = Files.write(dir.resolve("mark.png"), WatermarkImages.halfRedMark());

        ParseResult flag = parse(Map.of(), "--watermark", mark.toString(), "--watermark-all");
        ParseResult variable = parse(Map.of("SIS_WATERMARK", mark.toString()));

        VariantFeatures features = ((ParseResult.Run) flag).config().features();
        assertThat(features.watermark().width()).isEqualTo(WatermarkImages.MARK_WIDTH);
        assertThat(features.watermarkAll()).isTrue();
        assertThat(((ParseResult.Run) variable).config().features().watermark()).isNotNull();
    }

    @Test
    void anUnusableFileFailsTheStartNamingTheFlag() throws Exception {
        Path jpeg = Files.write(dir.resolve("mark.jpg"), TestImages.jpeg(20, 10));

        assertThat(problems("--watermark", dir.resolve("none.png").toString())).singleElement().asString()
                .startsWith("--watermark: ").contains("no such file");
        assertThat(problems("--watermark", jpeg.toString())).singleElement().asString()
                .startsWith("--watermark: ").contains("not a PNG");
        assertThat(problems("--watermark-all")).singleElement().asString()
                .startsWith("--watermark-all: ").contains("needs --watermark");
    }

    @Test
    void aPresetMayCarryTheWatermarkOnlyWhenThereIsOne() throws Exception {
        Path mark = Files.write(dir.resolve("mark.png"), WatermarkImages.halfRedMark());

        ParseResult ok = parse(Map.of(), "--watermark", mark.toString(), "--preset", "m=w:300,wm:0.5,south,0.2");

        assertThat(((ParseResult.Run) ok).config().features().preset("m").orElseThrow().parameters())
                .containsEntry("wm", "0.5,south,0.2");
        assertThat(problems("--preset", "m=w:300,wm:0.5")).singleElement().asString()
                .contains("--preset", "no watermark");
    }
}
