package dev.sis.image;

import java.awt.image.BufferedImage;
import java.util.Arrays;

/**
 * Scales images with a separable, area-aware filter, as ImageMagick's {@code -resize} does:
 * Lanczos (3 lobes) when shrinking, Mitchell–Netravali when enlarging. When shrinking, the
 * filter is stretched by the scale factor, so every source pixel contributes to the output
 * pixels it falls under and nothing aliases (unlike bilinear or bicubic sampling, which read
 * a fixed 2×2 or 4×4 neighbourhood whatever the factor).
 *
 * <p>Works on the working layouts (INT_RGB, INT_ARGB_PRE: premultiplied, so transparent pixels
 * add no colour) in the image's own gamma-encoded values, like ImageMagick's default. The two
 * passes go through one intermediate image of 8 bits a channel, in the order that keeps it
 * smaller. Stateless and thread-safe.
 */
final class Resampler {
    /**
     * Shrinking by more than this, the source is first averaged over whole blocks of pixels (a
     * box filter: exact, and one read per pixel) down to at least this many times the target,
     * and Lanczos does the rest, as libvips does: the result is within a fraction of a dB of
     * Lanczos alone (CorpusQualityTest), at a fraction of the cost, since Lanczos' taps grow
     * with the shrink factor.
     */
    static final int LANCZOS_AT_LEAST = 2;

    private Resampler() {
    }

    /** Scales {@code source} to exactly {@code width × height}; returns it as is when it has that size. */
    static BufferedImage resize(BufferedImage source, int width, int height) {
        int sw = source.getWidth();
        int sh = source.getHeight();
        if (sw == width && sh == height) {
            return source;
        }
        boolean alpha = source.getType() == BufferedImage.TYPE_INT_ARGB_PRE;
        Filter filter = (double) width * height < (double) sw * sh ? Filter.LANCZOS3 : Filter.MITCHELL;
        int[] pixels = Pixels.of(source);
        int boxX = Math.max(1, sw / (width * LANCZOS_AT_LEAST));
        int boxY = Math.max(1, sh / (height * LANCZOS_AT_LEAST));
        if (boxX > 1 || boxY > 1) {
            pixels = boxShrink(pixels, sw, sh, boxX, boxY, alpha);
            sw = ceilDiv(sw, boxX);
            sh = ceilDiv(sh, boxY);
        }
        Weights columns = Weights.of(sw, width, filter);
        Weights rows = Weights.of(sh, height, filter);
        int[] out;
        if ((long) width * sh <= (long) sw * height) {
            out = vertical(horizontal(pixels, sw, sh, columns, alpha), width, sh, rows, alpha);
        } else {
            out = horizontal(vertical(pixels, sw, sh, rows, alpha), sw, height, columns, alpha);
        }
        return Pixels.image(out, width, height, source.getType());
    }

    /**
     * Averages each {@code bx × by} block of pixels into one (the last blocks of a row or column
     * may be smaller): the exact area average, one read per source pixel.
     */
    private static int[] boxShrink(int[] in, int w, int h, int bx, int by, boolean alpha) {
        int ow = ceilDiv(w, bx);
        int oh = ceilDiv(h, by);
        int[] out = new int[ow * oh];
        int[] a = new int[ow];
        int[] r = new int[ow];
        int[] g = new int[ow];
        int[] b = new int[ow];
        for (int oy = 0; oy < oh; oy++) {
            int y0 = oy * by;
            int y1 = Math.min(h, y0 + by);
            Arrays.fill(a, 0);
            Arrays.fill(r, 0);
            Arrays.fill(g, 0);
            Arrays.fill(b, 0);
            for (int y = y0; y < y1; y++) {
                int row = y * w;
                int x = 0;
                for (int ox = 0; ox < ow; ox++) {
                    int x1 = Math.min(w, x + bx);
                    int sa = 0;
                    int sr = 0;
                    int sg = 0;
                    int sb = 0;
                    for (; x < x1; x++) {
                        int p = in[row + x];
                        sa += p >>> 24;
                        sr += (p >> 16) & 0xFF;
                        sg += (p >> 8) & 0xFF;
                        sb += p & 0xFF;
                    }
                    a[ox] += sa;
                    r[ox] += sr;
                    g[ox] += sg;
                    b[ox] += sb;
                }
            }
            int base = oy * ow;
            for (int ox = 0; ox < ow; ox++) {
                float count = (Math.min(w, (ox + 1) * bx) - ox * bx) * (y1 - y0);
                out[base + ox] = pack(a[ox] / count, r[ox] / count, g[ox] / count, b[ox] / count, alpha);
            }
        }
        return out;
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    /** Along x: each output pixel of a row is the weighted sum of the source pixels {@code weights} names. */
    private static int[] horizontal(int[] in, int w, int h, Weights weights, boolean alpha) {
        int outW = weights.size();
        int[] out = new int[outW * h];
        for (int y = 0; y < h; y++) {
            int row = y * w;
            for (int i = 0; i < outW; i++) {
                float[] k = weights.values[i];
                int at = row + weights.first[i];
                float a = 0;
                float r = 0;
                float g = 0;
                float b = 0;
                for (int t = 0; t < k.length; t++) {
                    int p = in[at + t];
                    float weight = k[t];
                    if (alpha) { // loop-invariant: the JIT unswitches it, so opaque images skip a channel
                        a += weight * (p >>> 24);
                    }
                    r += weight * ((p >> 16) & 0xFF);
                    g += weight * ((p >> 8) & 0xFF);
                    b += weight * (p & 0xFF);
                }
                out[y * outW + i] = pack(a, r, g, b, alpha);
            }
        }
        return out;
    }

    /** Along y, a whole row at a time (sequential memory access): rows of the output from weighted source rows. */
    private static int[] vertical(int[] in, int w, int h, Weights weights, boolean alpha) {
        int outH = weights.size();
        int[] out = new int[w * outH];
        float[] a = new float[w];
        float[] r = new float[w];
        float[] g = new float[w];
        float[] b = new float[w];
        for (int i = 0; i < outH; i++) {
            Arrays.fill(a, 0);
            Arrays.fill(r, 0);
            Arrays.fill(g, 0);
            Arrays.fill(b, 0);
            float[] k = weights.values[i];
            for (int t = 0; t < k.length; t++) {
                float weight = k[t];
                int row = (weights.first[i] + t) * w;
                for (int x = 0; x < w; x++) {
                    int p = in[row + x];
                    if (alpha) {
                        a[x] += weight * (p >>> 24);
                    }
                    r[x] += weight * ((p >> 16) & 0xFF);
                    g[x] += weight * ((p >> 8) & 0xFF);
                    b[x] += weight * (p & 0xFF);
                }
            }
            int base = i * w;
            for (int x = 0; x < w; x++) {
                out[base + x] = pack(a[x], r[x], g[x], b[x], alpha);
            }
        }
        return out;
    }

    private static int pack(float a, float r, float g, float b, boolean alpha) {
        int ca = alpha ? clamp(a, 255) : 255;
        int limit = alpha ? ca : 255; // a premultiplied colour never exceeds its alpha
        return ca << 24 | clamp(r, limit) << 16 | clamp(g, limit) << 8 | clamp(b, limit);
    }

    private static int clamp(float value, int max) {
        int v = (int) (value + 0.5f);
        return v < 0 ? 0 : Math.min(v, max);
    }

    /** A 1-D reconstruction filter. */
    enum Filter {
        LANCZOS3(3) {
            @Override
            double at(double x) {
                x = Math.abs(x);
                return x >= 3 ? 0 : sinc(x) * sinc(x / 3);
            }
        },
        /** Mitchell–Netravali, B = C = 1/3. */
        MITCHELL(2) {
            @Override
            double at(double x) {
                x = Math.abs(x);
                double b = 1 / 3.0;
                double c = 1 / 3.0;
                if (x < 1) {
                    return ((12 - 9 * b - 6 * c) * x * x * x + (-18 + 12 * b + 6 * c) * x * x + (6 - 2 * b)) / 6;
                }
                if (x < 2) {
                    return ((-b - 6 * c) * x * x * x + (6 * b + 30 * c) * x * x + (-12 * b - 48 * c) * x
                            + (8 * b + 24 * c)) / 6;
                }
                return 0;
            }
        };

        final double support;

        Filter(double support) {
            this.support = support;
        }

        abstract double at(double x);

        private static double sinc(double x) {
            if (x == 0) {
                return 1;
            }
            double px = Math.PI * x;
            return Math.sin(px) / px;
        }
    }

    /**
     * For each output pixel along one axis: the first source pixel it reads and the normalised
     * weights of the source pixels from there. Pixel centres are at {@code i + 0.5}.
     */
    record Weights(int[] first, float[][] values) {
        int size() {
            return first.length;
        }

        static Weights of(int sourceSize, int targetSize, Filter filter) {
            double scale = (double) targetSize / sourceSize;
            double stretch = Math.max(1, 1 / scale); // widen the filter when shrinking: area-aware
            double support = filter.support * stretch;
            int[] first = new int[targetSize];
            float[][] values = new float[targetSize][];
            for (int i = 0; i < targetSize; i++) {
                double centre = (i + 0.5) / scale;
                int start = Math.max(0, (int) Math.floor(centre - support + 0.5));
                int stop = Math.min(sourceSize, (int) Math.floor(centre + support + 0.5));
                if (stop <= start) {
                    start = Math.min(Math.max(0, (int) centre), sourceSize - 1);
                    stop = start + 1;
                }
                double[] w = new double[stop - start];
                double sum = 0;
                for (int j = start; j < stop; j++) {
                    w[j - start] = filter.at((j + 0.5 - centre) / stretch);
                    sum += w[j - start];
                }
                float[] normalised = new float[w.length];
                for (int j = 0; j < w.length; j++) {
                    normalised[j] = (float) (sum == 0 ? 1.0 / w.length : w[j] / sum);
                }
                first[i] = start;
                values[i] = normalised;
            }
            return new Weights(first, values);
        }
    }
}
