package dev.sis.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AdjustmentsTest {
    @Test
    void everyAdjustmentBecomesItsParameterAfterTheVariantsOwn() {
        Variant variant = Variant.ofSize(300, 200).withFit(Fit.PAD).withAdjustments(Adjustments.NONE
                .withCrop(1, 2, 30, 40).withRotate(90).withFlip("hv").withBackground("ff000080").withDpr(1.5)
                .withBlur(2).withSharpen(0.5));

        assertThat(variant.queryParameters()).containsExactly(Map.entry("w", "300"), Map.entry("h", "200"),
                Map.entry("fit", "pad"), Map.entry("crop", "1,2,30,40"), Map.entry("rotate", "90"),
                Map.entry("flip", "hv"), Map.entry("bg", "ff000080"), Map.entry("dpr", "1.5"), Map.entry("blur", "2"),
                Map.entry("sharpen", "0.5"));
    }

    @Test
    void anAdjustmentAloneIsAVariantAndKeepsThroughTheOtherWithers() {
        Variant rotated = new Variant(0, 0, null, null, 0, null, Adjustments.NONE.withRotate(180), null, null);

        assertThat(rotated.queryParameters()).containsExactly(Map.entry("rotate", "180"));
        assertThat(rotated.withQuality(50).withWidth(10).adjustments().rotate()).isEqualTo(180);
    }

    @Test
    void badValuesAreRefusedNamingTheParameter() {
        assertThatThrownBy(() -> Adjustments.NONE.withCrop(-1, 0, 1, 1)).hasMessageStartingWith("crop");
        assertThatThrownBy(() -> Adjustments.NONE.withCrop(0, 0, 0, 1)).hasMessageStartingWith("crop");
        assertThatThrownBy(() -> Adjustments.NONE.withRotate(45)).hasMessageStartingWith("rotate");
        assertThatThrownBy(() -> Adjustments.NONE.withFlip("x")).hasMessageStartingWith("flip");
        assertThatThrownBy(() -> Adjustments.NONE.withBackground("red")).hasMessageStartingWith("bg");
        assertThatThrownBy(() -> Adjustments.NONE.withDpr(4.5)).hasMessageStartingWith("dpr");
        assertThatThrownBy(() -> Adjustments.NONE.withDpr(1.255)).hasMessageStartingWith("dpr");
        assertThatThrownBy(() -> Adjustments.NONE.withBlur(0.2)).hasMessageStartingWith("blur");
        assertThatThrownBy(() -> Adjustments.NONE.withBlur(1.25)).hasMessageStartingWith("blur");
        assertThatThrownBy(() -> Adjustments.NONE.withSharpen(11)).hasMessageStartingWith("sharpen");
        assertThatThrownBy(() -> Variant.ofFormat(Format.PNG).withAdjustments(Adjustments.NONE.withDpr(2)))
                .hasMessageContaining("dpr multiplies w and h");
        assertThatThrownBy(() -> Variant.ofWidth(10).withAdjustments(Adjustments.NONE.withBackground("ffffff")))
                .hasMessageContaining("only with fit pad");
    }
}
