package dev.sis.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class VariantTest {
    @Test
    void queryParametersAreTheOnesGivenInOneOrder() {
        assertThat(Variant.ofSize(300, 200).withQuality(70).withFormat(Format.WEBP).withFit(Fit.COVER).queryParameters())
                .containsExactly(Map.entry("w", "300"), Map.entry("h", "200"), Map.entry("fit", "cover"),
                        Map.entry("format", "webp"), Map.entry("q", "70"));
        assertThat(Variant.ofWidth(5).queryParameters()).containsExactly(Map.entry("w", "5"));
        assertThat(Variant.ofHeight(7).queryParameters()).containsExactly(Map.entry("h", "7"));
        assertThat(Variant.ofFormat(Format.PNG).queryParameters()).containsExactly(Map.entry("format", "png"));
    }

    @Test
    void sidesOutOfRangeAreRefusedNamingTheParameter() {
        assertThatThrownBy(() -> Variant.ofWidth(-1)).hasMessageStartingWith("w must be from 1 to 1048576");
        assertThatThrownBy(() -> Variant.ofHeight(Variant.MAX_SIDE + 1)).hasMessageStartingWith("h must be from 1 to 1048576");
        assertThat(Variant.ofSize(Variant.MAX_SIDE, 1).width()).isEqualTo(Variant.MAX_SIDE);
    }

    @Test
    void qualityOutOfRangeIsRefused() {
        assertThatThrownBy(() -> Variant.ofWidth(10).withQuality(101)).hasMessageStartingWith("q must be from 1 to 100");
        assertThatThrownBy(() -> Variant.ofWidth(10).withQuality(-5)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Variant.ofWidth(10).withQuality(100).quality()).isEqualTo(100);
    }

    @Test
    void aVariantWithNothingToChangeIsRefused() {
        assertThatThrownBy(() -> new Variant(0, 0, Fit.COVER, null, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs w, h, format, q");
        assertThatThrownBy(() -> Variant.ofFormat(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void enumsReadTheirUrlNamesAndRefuseOthers() {
        assertThat(Fit.fromUrlName("inside")).isEqualTo(Fit.INSIDE);
        assertThat(Format.fromUrlName("jpeg")).isEqualTo(Format.JPEG);
        assertThatThrownBy(() -> Fit.fromUrlName("crop")).hasMessage("fit must be one of contain, cover, stretch, inside, pad, got \"crop\"");
        assertThatThrownBy(() -> Format.fromUrlName("JPEG")).hasMessageStartingWith("format must be one of jpeg, png, gif, webp, avif");
    }

    @Test
    void gravityAndAPointAreQueryParametersAfterTheOthers() {
        Variant cover = Variant.ofSize(300, 300).withFit(Fit.COVER);
        assertThat(cover.withGravity(Gravity.SMART).queryParameters())
                .containsExactly(Map.entry("w", "300"), Map.entry("h", "300"), Map.entry("fit", "cover"), Map.entry("gravity", "smart"));
        assertThat(cover.withGravity(Gravity.point(0.3, 0.6)).queryParameters()).containsEntry("fp", "0.3,0.6")
                .doesNotContainKey("gravity");
        assertThat(cover.withGravity(Gravity.point(1, 0)).queryParameters()).containsEntry("fp", "1,0");
        assertThat(cover.queryParameters()).doesNotContainKeys("gravity", "fp");
        assertThat(cover.withGravity(Gravity.NORTH).withQuality(70).gravity()).isEqualTo(Gravity.NORTH);
    }

    @Test
    void badGravitiesAndPointsAreRefusedHere() {
        assertThatThrownBy(() -> Gravity.named("up")).hasMessageStartingWith("gravity must be one of center, north");
        assertThatThrownBy(() -> Gravity.point(2, 0)).hasMessageContaining("from 0 to 1");
        assertThatThrownBy(() -> Gravity.point(Double.NaN, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Gravity.named("NORTH")).isEqualTo(Gravity.NORTH);
    }
}
