package dev.sis.image.jpeg;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Which AC scans a scaled decode may skip, with libjpeg's default progressive script for a 4:2:0
 * photo: luma bands 1-5 and 6-63 first at Al 2 and then refined over 1-63, chroma over 1-63.
 */
class ScanPlanTest {
    /** {component, first, last} of each AC scan, in libjpeg's order. */
    private static final int[][] LIBJPEG_SCRIPT = {
        {0, 1, 5}, {2, 1, 63}, {1, 1, 63}, {0, 6, 63}, {0, 1, 63}, {2, 1, 63}, {1, 1, 63}, {0, 1, 63},
    };

    @Test
    void atOneEighthEveryLumaAcScanIsSkipped() {
        ScanPlan plan = new ScanPlan(frame(1), LIBJPEG_SCRIPT);

        assertThat(plan.meets(0, 1, 5)).isFalse();
        assertThat(plan.meets(0, 6, 63)).isFalse();
        assertThat(plan.meets(0, 1, 63)).isFalse();
        assertThat(plan.meets(1, 1, 63)).as("chroma is decoded 2 x 2 a block at 1/8 of a 4:2:0 frame").isTrue();
    }

    /** At 1/4 the luma needs coefficients 1, 2 and 4: their band, and the refinement over 1-63 that covers them, pull in all. */
    @Test
    void aRefinementOverTheWholeBandMakesEveryScanOfItNeeded() {
        ScanPlan plan = new ScanPlan(frame(2), LIBJPEG_SCRIPT);

        assertThat(plan.meets(0, 6, 63)).isTrue();
    }

    @Test
    void withoutARefinementAcrossTheBandsTheHighBandIsSkipped() {
        int[][] script = {{0, 1, 5}, {0, 6, 63}, {0, 1, 5}, {0, 6, 63}};

        ScanPlan plan = new ScanPlan(frame(2), script);

        assertThat(plan.meets(0, 1, 5)).isTrue();
        assertThat(plan.meets(0, 6, 63)).isFalse();
    }

    /** A 4:2:0 frame of 64 × 64 decoded at {@code n} pixels a luma block side. */
    private static Component[] frame(int n) {
        Component[] components = {
            new Component(1, 2, 2, 0, 64, 64, 2, 2, 4, 4),
            new Component(2, 1, 1, 1, 64, 64, 2, 2, 4, 4),
            new Component(3, 1, 1, 1, 64, 64, 2, 2, 4, 4),
        };
        for (Component c : components) {
            c.scaleTo(n, 2, 2);
        }
        return components;
    }
}
