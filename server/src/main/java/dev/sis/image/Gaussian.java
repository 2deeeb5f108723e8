package dev.sis.image;

import java.awt.image.BufferedImage;

/**
 * A separable Gaussian blur of packed 8-bit pixels, each of the four bytes on its own, edges
 * extended by copying (as libvips' {@code gaussblur}). The kernel stops where it falls under
 * {@link #MIN_AMPLITUDE} of its peak, the value the native engine is given too, so both engines
 * blur alike. The deadline is checked row by row: a wide σ on a large frame stops in time.
 */
final class Gaussian {
    /** Where the kernel is cut, relative to its peak: about 3σ. */
    static final double MIN_AMPLITUDE = 0.01;

    private Gaussian() {
    }

    /** The blurred copy of {@code frame}, in its layout. */
    static BufferedImage blur(BufferedImage frame, double sigma, Deadline deadline) {
        int w = frame.getWidth();
        int h = frame.getHeight();
        float[] kernel = kernel(sigma);
        int[] across = pass(Pixels.of(frame), w, h, kernel, true, deadline);
        int[] out = pass(across, w, h, kernel, false, deadline);
        return Pixels.image(out, w, h, frame.getType());
    }

    /** Normalised weights from the centre out: {@code kernel[0]} is the centre's. */
    static float[] kernel(double sigma) {
        int radius = (int) Math.ceil(sigma * Math.sqrt(-2 * Math.log(MIN_AMPLITUDE)));
        float[] k = new float[radius + 1];
        double sum = 0;
        for (int i = 0; i <= radius; i++) {
            k[i] = (float) Math.exp(-(double) i * i / (2 * sigma * sigma));
            sum += i == 0 ? k[i] : 2 * k[i];
        }
        for (int i = 0; i <= radius; i++) {
            k[i] /= (float) sum;
        }
        return k;
    }

    private static int[] pass(int[] src, int w, int h, float[] kernel, boolean horizontal, Deadline deadline) {
        int[] out = new int[src.length];
        int length = horizontal ? w : h;
        float[] line = new float[4 * length];
        for (int lineNo = 0; lineNo < (horizontal ? h : w); lineNo++) {
            deadline.check();
            int start = horizontal ? lineNo * w : lineNo;
            int step = horizontal ? 1 : w;
            for (int i = 0; i < length; i++) {
                float[] sums = {0, 0, 0, 0};
                for (int k = -kernel.length + 1; k < kernel.length; k++) {
                    int at = Math.clamp(i + k, 0, length - 1);
                    int p = src[start + at * step];
                    float weight = kernel[Math.abs(k)];
                    for (int c = 0; c < 4; c++) {
                        sums[c] += weight * ((p >>> (8 * c)) & 0xFF);
                    }
                }
                System.arraycopy(sums, 0, line, 4 * i, 4);
            }
            for (int i = 0; i < length; i++) {
                int p = 0;
                for (int c = 0; c < 4; c++) {
                    p |= Math.clamp(Math.round(line[4 * i + c]), 0, 255) << (8 * c);
                }
                out[start + i * step] = p;
            }
        }
        return out;
    }
}
