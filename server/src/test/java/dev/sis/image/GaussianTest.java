package dev.sis.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sis.errors.OverBudgetException;
import java.awt.image.BufferedImage;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The pure-Java Gaussian: a normalised kernel cut where libvips cuts it, and the deadline obeyed inside. */
class GaussianTest {

    @Test
    void theKernelSumsToOneAndStopsAtOnePercentOfItsPeak() {
        float[] k = Gaussian.kernel(2.0);
        double sum = k[0];
        for (int i = 1; i < k.length; i++) {
            sum += 2 * k[i];
        }

        assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
        assertThat(k.length - 1).isEqualTo(7); // ceil(2 × sqrt(2 ln 100)) = ceil(6.07)
        assertThat(k[k.length - 2] / k[0]).isGreaterThan(0.01f);
        assertThat(k[k.length - 1] / k[0]).isLessThan(0.01f);
    }

    @Test
    void aPassedDeadlineStopsTheBlurInsideItsPasses() {
        BufferedImage frame = Pixels.image(new int[64 * 64], 64, 64, BufferedImage.TYPE_INT_RGB);

        assertThatThrownBy(() -> Gaussian.blur(frame, 50, Deadline.after(Duration.ZERO)))
                .isInstanceOf(OverBudgetException.class);
    }
}
