package dev.sis.image.jpeg;

/**
 * The end of a progressive frame: every block's coefficients, complete once the last scan has
 * refined them, dequantised and turned into pixels ({@link ReducedIdct}). Only the lowest
 * frequencies, as many as the block has pixels, are read: the others do not reach pixels at this scale.
 */
final class CoefficientsToPixels {
    private CoefficientsToPixels() {
    }

    static void transform(Component c) {
        int[] block = new int[64];
        int[] q = c.quantisation;
        if (q == null) {
            return; // no scan had this component: it stays at 0 (as libjpeg leaves it)
        }
        short[] coefficients = c.coefficients;
        for (int by = 0; by < c.blocksDown; by++) {
            for (int bx = 0; bx < c.blocksAcross; bx++) {
                int base = (by * c.blocksAcross + bx) * c.coefficientsPerBlock;
                for (int v = 0; v < c.blockHeight; v++) {
                    for (int u = 0; u < c.blockWidth; u++) {
                        int z = v * 8 + u;
                        block[z] = coefficients[base + z] * q[z];
                    }
                }
                c.idct.transform(block, c.plane, by * c.blockHeight * c.planeStride + bx * c.blockWidth, c.planeStride);
            }
        }
        c.coefficients = null; // the largest allocation of the decode: free it before the colour conversion
    }
}
