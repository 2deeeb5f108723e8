package dev.sis.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link Variant#ofPreset} and {@link Variant#withWatermark}: their query parameters and their refusals. */
class VariantPresetAndWatermarkTest {
    @Test
    void aPresetIsItsOnlyParameter() {
        assertThat(Variant.ofPreset("thumb").queryParameters()).containsExactly(Map.entry("preset", "thumb"));
    }

    @Test
    void theWatermarkComesLastAndSurvivesTheOtherWithers() {
        Variant v = Variant.ofWidth(300).withWatermark("0.5,southwest,0.2").withQuality(70);

        assertThat(v.queryParameters()).containsExactly(Map.entry("w", "300"), Map.entry("q", "70"),
                Map.entry("wm", "0.5,southwest,0.2"));
        assertThat(new Variant(0, 0, null, null, 0, null, Adjustments.NONE, null, "1").queryParameters()).containsExactly(Map.entry("wm", "1"));
    }

    @Test
    void nothingMayBeGivenBesideAPresetAndBadValuesAreRefused() {
        assertThatThrownBy(() -> Variant.ofPreset("thumb").withWidth(3)).hasMessageContaining("names the whole variant");
        assertThatThrownBy(() -> Variant.ofPreset("no spaces")).hasMessageContaining("letters, digits");
        assertThatThrownBy(() -> Variant.ofWidth(3).withWatermark("2")).hasMessageStartingWith("wm must be");
        assertThatThrownBy(() -> Variant.ofWidth(3).withWatermark("0.5,up")).hasMessageStartingWith("wm must be");
        assertThat(Variant.ofWidth(3).withWatermark("0.35,center,0.5").watermark()).isEqualTo("0.35,center,0.5");
    }
}
