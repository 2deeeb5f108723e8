package dev.sis.image.jpeg;

/**
 * The inverse DCT of one 8 × 8 block straight to W × H pixels (each 1, 2, 4 or 8), as libjpeg's
 * scaled IDCTs do: on each axis, the N-point inverse DCT of the block's N lowest frequencies,
 * scaled so that every frequency keeps its amplitude. The result is the block low-pass filtered
 * and sampled at W × H points; at 1 × 1 it is the block's mean (its DC term). W and H differ for
 * chroma subsampled on one axis only (4:2:2), decoded straight to the luma's resolution.
 *
 * <p>Separable, in floating point: the rows of coefficients first, then the columns. Only the
 * W × H low coefficients are ever read, so a decoder may leave the others out.
 */
final class ReducedIdct {
    /** basis[N][x * N + u] = C(u) / 2 · cos((2x + 1) u π / 2N), C(0) = 1/√2, else 1. */
    private static final float[][] BASIS = new float[9][];

    static {
        for (int n : new int[] {1, 2, 4, 8}) {
            float[] basis = new float[n * n];
            for (int x = 0; x < n; x++) {
                for (int u = 0; u < n; u++) {
                    double c = u == 0 ? Math.sqrt(0.5) : 1;
                    basis[x * n + u] = (float) (c / 2 * Math.cos((2 * x + 1) * u * Math.PI / (2 * n)));
                }
            }
            BASIS[n] = basis;
        }
    }

    private final int across;
    private final int down;
    private final float[] basisAcross;
    private final float[] basisDown;
    private final float[] rows;

    /** @param across pixels per block row, {@code down} per block column: 1, 2, 4 or 8 each */
    ReducedIdct(int across, int down) {
        this.across = across;
        this.down = down;
        this.basisAcross = BASIS[across];
        this.basisDown = BASIS[down];
        this.rows = new float[across * down];
    }

    /**
     * Writes the W × H pixels of the block whose dequantised coefficients are
     * {@code coefficients} (natural order, 8 per row) into {@code plane} at {@code offset}, rows
     * {@code stride} apart, level-shifted and clamped to 0..255.
     */
    void transform(int[] coefficients, byte[] plane, int offset, int stride) {
        if (across == 1 && down == 1) {
            plane[offset] = clamp(coefficients[0] / 8f + 128);
            return;
        }
        if (across == 2 && down == 2) {
            twoByTwo(coefficients, plane, offset, stride);
            return;
        }
        if (down == 2) {
            twoRows(coefficients, plane, offset, stride);
            return;
        }
        // rows[v * across + x]: for each vertical frequency v, the horizontal transform at x.
        for (int v = 0; v < down; v++) {
            for (int x = 0; x < across; x++) {
                float sum = 0;
                for (int u = 0; u < across; u++) {
                    sum += basisAcross[x * across + u] * coefficients[v * 8 + u];
                }
                rows[v * across + x] = sum;
            }
        }
        for (int y = 0; y < down; y++) {
            int line = offset + y * stride;
            for (int x = 0; x < across; x++) {
                float sum = 0;
                for (int v = 0; v < down; v++) {
                    sum += basisDown[y * down + v] * rows[v * across + x];
                }
                plane[line + x] = clamp(sum + 128);
            }
        }
    }

    /**
     * Blocks two pixels high (4:2:2 chroma at 1/4 and 1/2 scale: 4 × 2 and 8 × 2): the 2-point
     * column transform is a butterfly (both basis vectors are ±√½ / 2), so each output column
     * takes one pass over the two coefficient rows, each converted to float once.
     */
    private void twoRows(int[] coefficients, byte[] plane, int offset, int stride) {
        float[] low = rows; // rows[0 .. across): the first coefficient row, then the second
        for (int u = 0; u < across; u++) {
            low[u] = coefficients[u];
            low[across + u] = coefficients[8 + u];
        }
        float scale = BASIS[2][0];
        for (int x = 0; x < across; x++) {
            float even = 0;
            float odd = 0;
            int basis = x * across;
            for (int u = 0; u < across; u++) {
                even += basisAcross[basis + u] * low[u];
                odd += basisAcross[basis + u] * low[across + u];
            }
            plane[offset + x] = clamp((even + odd) * scale + 128);
            plane[offset + stride + x] = clamp((even - odd) * scale + 128);
        }
    }

    /**
     * The 2 × 2 case (luma at 1/4 scale, the most common shrink) written out: both 2-point basis
     * vectors are ±√½ / 2, so the transform is two butterflies and one scale by 1/8.
     */
    private static void twoByTwo(int[] coefficients, byte[] plane, int offset, int stride) {
        float c00 = coefficients[0];
        float c01 = coefficients[1];
        float c10 = coefficients[8];
        float c11 = coefficients[9];
        float top = c00 + c10;
        float bottom = c00 - c10;
        float topOdd = c01 + c11;
        float bottomOdd = c01 - c11;
        plane[offset] = clamp((top + topOdd) / 8 + 128);
        plane[offset + 1] = clamp((top - topOdd) / 8 + 128);
        plane[offset + stride] = clamp((bottom + bottomOdd) / 8 + 128);
        plane[offset + stride + 1] = clamp((bottom - bottomOdd) / 8 + 128);
    }

    /** Rounds half up and clamps to 0..255; (int) truncates, which rounds up once the value is past -0.5, and below that clamps to 0 anyway. */
    private static byte clamp(float value) {
        int rounded = (int) (value + 0.5f);
        return (byte) (rounded < 0 ? 0 : Math.min(rounded, 255));
    }
}
