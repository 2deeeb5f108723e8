package dev.sis.image;

import dev.sis.client.Fit;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GeometryTest {

    private static VariantSpec spec(int w, int h, Fit fit) {
        return new VariantSpec(w, h, fit, null, VariantSpec.DEFAULT_QUALITY);
    }

    private static Geometry plan(int sourceWidth, int sourceHeight, int w, int h, Fit fit) {
        return Geometry.plan(sourceWidth, sourceHeight, spec(w, h, fit));
    }

    @Test
    void noSizeKeepsTheSource() {
        assertThat(plan(200, 100, 0, 0, Fit.COVER)).isEqualTo(new Geometry(200, 100, 200, 100));
    }

    @Test
    void onlyWidthFollowsTheAspectRatio() {
        assertThat(plan(200, 100, 50, 0, Fit.CONTAIN)).isEqualTo(new Geometry(50, 25, 50, 25));
        assertThat(plan(200, 100, 400, 0, Fit.CONTAIN)).isEqualTo(new Geometry(400, 200, 400, 200));
    }

    @Test
    void onlyHeightFollowsTheAspectRatio() {
        assertThat(plan(200, 100, 0, 20, Fit.CONTAIN)).isEqualTo(new Geometry(40, 20, 40, 20));
        assertThat(plan(200, 100, 0, 300, Fit.CONTAIN)).isEqualTo(new Geometry(600, 300, 600, 300));
    }

    @Test
    void oneSideOnlyKeepsTheAspectRatioWhateverTheFit() {
        for (Fit fit : new Fit[] {Fit.CONTAIN, Fit.COVER, Fit.STRETCH}) {
            assertThat(plan(300, 200, 150, 0, fit)).as("%s", fit).isEqualTo(new Geometry(150, 100, 150, 100));
            assertThat(plan(300, 200, 0, 400, fit)).as("%s", fit).isEqualTo(new Geometry(600, 400, 600, 400));
        }
    }

    @Test
    void insideWithOneSideNeverEnlarges() {
        assertThat(plan(200, 100, 10_000, 0, Fit.INSIDE)).isEqualTo(new Geometry(200, 100, 200, 100));
        assertThat(plan(200, 100, 0, 10_000, Fit.INSIDE)).isEqualTo(new Geometry(200, 100, 200, 100));
        assertThat(plan(200, 100, 100, 0, Fit.INSIDE)).isEqualTo(new Geometry(100, 50, 100, 50));
    }

    @Test
    void containFitsInsideTheBoxKeepingTheAspectRatio() {
        assertThat(plan(200, 100, 50, 50, Fit.CONTAIN)).isEqualTo(new Geometry(50, 25, 50, 25));
        assertThat(plan(100, 200, 50, 50, Fit.CONTAIN)).isEqualTo(new Geometry(25, 50, 25, 50));
    }

    @Test
    void containEnlargesWhenTheBoxIsBigger() {
        assertThat(plan(200, 100, 1000, 1000, Fit.CONTAIN)).isEqualTo(new Geometry(1000, 500, 1000, 500));
    }

    @Test
    void insideNeverEnlarges() {
        assertThat(plan(200, 100, 1000, 1000, Fit.INSIDE)).isEqualTo(new Geometry(200, 100, 200, 100));
        assertThat(plan(200, 100, 300, 50, Fit.INSIDE)).isEqualTo(new Geometry(100, 50, 100, 50));
        assertThat(plan(64, 64, 10_000, 10_000, Fit.INSIDE)).isEqualTo(new Geometry(64, 64, 64, 64));
    }

    @Test
    void coverScalesToFillAndCropsToTheExactSize() {
        assertThat(plan(200, 100, 50, 50, Fit.COVER)).isEqualTo(new Geometry(100, 50, 50, 50));
        assertThat(plan(100, 200, 50, 50, Fit.COVER)).isEqualTo(new Geometry(50, 100, 50, 50));
        assertThat(plan(200, 100, 600, 600, Fit.COVER)).isEqualTo(new Geometry(1200, 600, 600, 600));
    }

    @Test
    void stretchGivesExactlyTheBox() {
        assertThat(plan(200, 100, 30, 70, Fit.STRETCH)).isEqualTo(new Geometry(30, 70, 30, 70));
        assertThat(plan(1, 1, 500, 3, Fit.STRETCH)).isEqualTo(new Geometry(500, 3, 500, 3));
    }

    @Test
    void extremeAspectRatiosNeverRoundASideToZero() {
        assertThat(plan(10_000, 1, 100, 0, Fit.CONTAIN)).isEqualTo(new Geometry(100, 1, 100, 1));
        assertThat(plan(1, 10_000, 0, 10, Fit.CONTAIN)).isEqualTo(new Geometry(1, 10, 1, 10));
        assertThat(plan(10_000, 1, 10, 10, Fit.CONTAIN)).isEqualTo(new Geometry(10, 1, 10, 1));
        assertThat(plan(1, 10_000, 10, 10, Fit.INSIDE)).isEqualTo(new Geometry(1, 10, 1, 10));
    }

    @Test
    void coverOfAnExtremeAspectRatioStillCropsToTheBox() {
        Geometry g = plan(10_000, 1, 10, 10, Fit.COVER);
        assertThat(g.width()).isEqualTo(10);
        assertThat(g.height()).isEqualTo(10);
        assertThat(g.scaledHeight()).isEqualTo(10);
        assertThat(g.scaledWidth()).isEqualTo(100_000);
        assertThat(g.scaledPixels()).isEqualTo(1_000_000L);
        assertThat(g.pixels()).isEqualTo(100L);
    }

    /** Properties over a grid of sources and boxes: every side ≥ 1, and each fit keeps its promise. */
    @Test
    void everyFitKeepsItsPromiseOverAGridOfSizes() {
        int[] sides = {1, 2, 3, 7, 10, 33, 64, 99, 100, 640, 1001, 4000, 9999};
        for (int sw : sides) {
            for (int sh : sides) {
                for (int w : sides) {
                    for (int h : sides) {
                        checkAll(sw, sh, w, h);
                    }
                }
            }
        }
    }

    private static void checkAll(int sw, int sh, int w, int h) {
        String what = sw + "x" + sh + " into " + w + "x" + h;
        for (Fit fit : Fit.values()) {
            Geometry g = plan(sw, sh, w, h, fit);
            assertThat(Math.min(Math.min(g.width(), g.height()), Math.min(g.scaledWidth(), g.scaledHeight())))
                    .as("smallest side of %s %s", what, fit).isPositive();
            if (fit == Fit.PAD) {
                continue; // its canvas is larger than the scaled image: checked below
            }
            assertThat(g.width()).as("%s %s", what, fit).isLessThanOrEqualTo(g.scaledWidth());
            assertThat(g.height()).as("%s %s", what, fit).isLessThanOrEqualTo(g.scaledHeight());
        }
        Geometry contain = plan(sw, sh, w, h, Fit.CONTAIN);
        assertThat(contain.width()).as("contain %s", what).isLessThanOrEqualTo(w);
        assertThat(contain.height()).as("contain %s", what).isLessThanOrEqualTo(h);
        assertThat(contain.width() == w || contain.height() == h).as("contain %s touches the box", what).isTrue();

        Geometry inside = plan(sw, sh, w, h, Fit.INSIDE);
        assertThat(inside.width()).as("inside %s", what).isLessThanOrEqualTo(Math.min(sw, w));
        assertThat(inside.height()).as("inside %s", what).isLessThanOrEqualTo(Math.min(sh, h));

        Geometry cover = plan(sw, sh, w, h, Fit.COVER);
        assertThat(cover.width()).as("cover %s", what).isEqualTo(w);
        assertThat(cover.height()).as("cover %s", what).isEqualTo(h);
        assertThat(cover.scaledWidth() == w || cover.scaledHeight() == h).as("cover %s scales to touch", what).isTrue();

        Geometry pad = plan(sw, sh, w, h, Fit.PAD);
        assertThat(pad).as("pad %s: contain on a w×h canvas", what)
                .isEqualTo(new Geometry(contain.scaledWidth(), contain.scaledHeight(), w, h));

        Geometry stretch = plan(sw, sh, w, h, Fit.STRETCH);
        assertThat(stretch).as("stretch %s", what).isEqualTo(new Geometry(w, h, w, h));
    }

    @Test
    void uniformScalingKeepsTheAspectRatioWithinRounding() {
        Geometry g = plan(1920, 1080, 333, 0, Fit.CONTAIN);
        assertThat(g.width()).isEqualTo(333);
        assertThat(g.height()).isEqualTo(187); // 1080 * 333 / 1920 = 187.3
        Geometry h = plan(1080, 1920, 0, 333, Fit.CONTAIN);
        assertThat(h.width()).isEqualTo(187);
    }
}
