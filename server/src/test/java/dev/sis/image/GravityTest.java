package dev.sis.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sis.client.Fit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Gravity in the canonical spec (ids, parseId) and in the plan (where the crop window sits). */
class GravityTest {

    private static VariantSpec cover(Gravity gravity) {
        return new VariantSpec(100, 100, Fit.COVER, ImageFormat.JPEG, 85).withGravity(gravity);
    }

    @Test
    void idsOfVariantsMadeBeforeGravityStayTheSame() {
        assertThat(new VariantSpec(300, 200, Fit.COVER, ImageFormat.JPEG, 85).id()).isEqualTo("w300-h200-cover-jpeg-q85");
        assertThat(cover(Gravity.CENTER).id()).isEqualTo("w100-h100-cover-jpeg-q85");
    }

    @Test
    void aGravityOtherThanTheCentreAddsASuffix() {
        assertThat(cover(Gravity.of(Gravity.Kind.NORTHWEST)).id()).isEqualTo("w100-h100-cover-jpeg-q85-gnorthwest");
        assertThat(cover(Gravity.of(Gravity.Kind.SMART)).id()).isEqualTo("w100-h100-cover-jpeg-q85-gsmart");
        assertThat(cover(Gravity.point(0.3, 0.6)).id()).isEqualTo("w100-h100-cover-jpeg-q85-fp3000x6000");
    }

    /** Gravity moves nothing when nothing is cropped, so it must not fork the variant's name either. */
    @Test
    void gravityIsDroppedWhenNothingIsCropped() {
        assertThat(new VariantSpec(100, 100, Fit.CONTAIN, null, 85).withGravity(Gravity.of(Gravity.Kind.EAST)).gravity())
                .isEqualTo(Gravity.CENTER);
        assertThat(new VariantSpec(100, 0, Fit.COVER, null, 85).withGravity(Gravity.point(0.1, 0.1)).id())
                .isEqualTo("w100-h0-cover-auto-q85");
    }

    @ParameterizedTest
    @ValueSource(strings = {"w100-h100-cover-jpeg-q85-gsouth", "w100-h100-cover-jpeg-q85-gsmart",
            "w100-h100-cover-png-q85-fp0x10000", "w100-h100-cover-auto-q85-fp1234x5678", "w100-h100-cover-jpeg-q85"})
    void parseIdRoundTrips(String id) {
        assertThat(VariantSpec.parseId(id)).hasValueSatisfying(spec -> assertThat(spec.id()).isEqualTo(id));
    }

    @ParameterizedTest
    @ValueSource(strings = {"w100-h100-cover-jpeg-q85-gup", "w100-h100-cover-jpeg-q85-gcenter",
            "w100-h100-cover-jpeg-q85-gfocal", "w100-h100-cover-jpeg-q85-gauto", "w100-h100-cover-jpeg-q85-fp10001x0",
            "w100-h100-contain-jpeg-q85-gnorth", "w100-h100-cover-jpeg-q85-fp01x1", "w100-h100-cover-jpeg-q85-fp1x"})
    void parseIdRefusesWhatNoSpecNames(String id) {
        assertThat(VariantSpec.parseId(id)).isEmpty();
    }

    @Test
    void focalAndAutoAreResolvedBeforeNaming() {
        Gravity focal = Gravity.of(Gravity.Kind.FOCAL);
        assertThatThrownBy(() -> cover(focal).id()).isInstanceOf(IllegalStateException.class);
        assertThat(focal.resolve(null)).isEqualTo(Gravity.CENTER);
        assertThat(Gravity.of(Gravity.Kind.AUTO).resolve(Gravity.point(0.25, 0.75))).isEqualTo(Gravity.point(0.25, 0.75));
        assertThat(Gravity.of(Gravity.Kind.NORTH).resolve(Gravity.point(0.25, 0.75))).isEqualTo(Gravity.of(Gravity.Kind.NORTH));
    }

    /** A 300×100 source covered to 100×100 is scaled to 300×100: 200 spare pixels across. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"CENTER,100,0", "WEST,0,0", "EAST,200,0", "NORTH,100,0", "NORTHEAST,200,0", "SOUTHWEST,0,0"})
    void compassGravityPlacesTheWindowAcross(Gravity.Kind kind, int left, int top) {
        Geometry g = Geometry.plan(300, 100, cover(Gravity.of(kind)));
        assertThat(new int[] {g.left(), g.top()}).containsExactly(left, top);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"CENTER,0,100", "NORTH,0,0", "SOUTH,0,200", "EAST,0,100", "SOUTHEAST,0,200", "NORTHWEST,0,0"})
    void compassGravityPlacesTheWindowDown(Gravity.Kind kind, int left, int top) {
        Geometry g = Geometry.plan(100, 300, cover(Gravity.of(kind)));
        assertThat(new int[] {g.left(), g.top()}).containsExactly(left, top);
    }

    /** A point is centred in the window where it can be, and the window is kept inside the image. */
    @ParameterizedTest(name = "fp={0}")
    @CsvSource({"0.5,100", "0.6,130", "0.1,0", "0.95,200", "0,0", "1,200"})
    void aPointCentresTheWindowOnItWithinTheImage(double x, int left) {
        assertThat(Geometry.plan(300, 100, cover(Gravity.point(x, 0.5))).left()).isEqualTo(left);
    }

    @Test
    void pointsAreKeptToTenThousandthsSoEqualPointsNameEqualVariants() {
        assertThat(Gravity.point(0.30001, 0.6)).isEqualTo(Gravity.point(0.3, 0.6));
        assertThatThrownBy(() -> Gravity.point(1.01, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Gravity.point(Double.NaN, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
