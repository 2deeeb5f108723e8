package dev.sis.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link Variant#builder()}: every component, the same checks as the constructor, and the shorthands built on it. */
class VariantBuilderTest {
    @Test
    void theBuilderSetsEveryComponent() {
        Adjustments turned = Adjustments.NONE.withRotate(90);
        Variant built = Variant.builder().width(300).height(200).fit(Fit.COVER).format(Format.WEBP).quality(70)
                .gravity(Gravity.NORTH).adjustments(turned).watermark("0.5").build();

        assertThat(built).isEqualTo(new Variant(300, 200, Fit.COVER, Format.WEBP, 70, Gravity.NORTH, turned, null, "0.5"));
        assertThat(built.queryParameters()).containsExactly(Map.entry("w", "300"), Map.entry("h", "200"),
                Map.entry("fit", "cover"), Map.entry("format", "webp"), Map.entry("q", "70"),
                Map.entry("gravity", "north"), Map.entry("rotate", "90"), Map.entry("wm", "0.5"));
        assertThat(Variant.builder().preset("thumb").build()).isEqualTo(Variant.ofPreset("thumb"));
    }

    @Test
    void buildChecksAsTheConstructorDoesAndOnlyAtTheEnd() {
        assertThatThrownBy(() -> Variant.builder().build()).hasMessageContaining("needs w, h, format, q");
        assertThatThrownBy(() -> Variant.builder().preset("thumb").width(10).build())
                .hasMessageContaining("names the whole variant");
        assertThatThrownBy(() -> Variant.builder().width(10).quality(101).build()).hasMessageStartingWith("q must be");
        // bg needs fit=pad: set in either order, only the finished variant is judged
        Adjustments padded = Adjustments.NONE.withBackground("ff0000");
        assertThat(Variant.builder().adjustments(padded).width(10).fit(Fit.PAD).build().fit()).isEqualTo(Fit.PAD);
    }

    @Test
    void toBuilderKeepsEveryValueAndZeroOrNullClearsOne() {
        Variant full = new Variant(30, 20, Fit.PAD, Format.PNG, 90, Gravity.point(0.3, 0.6),
                Adjustments.NONE.withBackground("000000").withDpr(2), null, "0.4,southwest");

        assertThat(full.toBuilder().build()).isEqualTo(full);
        assertThat(full.toBuilder().height(0).gravity(null).watermark(null).build())
                .isEqualTo(new Variant(30, 0, Fit.PAD, Format.PNG, 90, null, full.adjustments(), null, null));
        assertThat(full.toBuilder().adjustments(null).build().adjustments()).isEqualTo(Adjustments.NONE);
    }

    @Test
    void theShorthandsGiveWhatTheBuilderGives() {
        Variant chained = Variant.ofSize(300, 200).withFit(Fit.COVER).withFormat(Format.JPEG).withQuality(80)
                .withGravity(Gravity.SMART).withWatermark("1").withAdjustments(Adjustments.NONE.withBlur(2));
        Variant built = Variant.builder().width(300).height(200).fit(Fit.COVER).format(Format.JPEG).quality(80)
                .gravity(Gravity.SMART).watermark("1").adjustments(Adjustments.NONE.withBlur(2)).build();

        assertThat(chained).isEqualTo(built);
        assertThat(Variant.ofWidth(5).withHeight(6).withWidth(7)).isEqualTo(Variant.builder().width(7).height(6).build());
        assertThat(Variant.ofHeight(4)).isEqualTo(Variant.builder().height(4).build());
        assertThat(Variant.ofFormat(Format.GIF)).isEqualTo(Variant.builder().format(Format.GIF).build());
    }
}
