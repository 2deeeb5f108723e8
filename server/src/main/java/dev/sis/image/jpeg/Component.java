package dev.sis.image.jpeg;

/**
 * One colour component of a frame (Y, Cb, Cr or grey): its sampling factors, its blocks and, as
 * the scans are decoded, its pixels at the decode scale. A progressive frame also keeps every
 * block's coefficients until its last scan ({@link #coefficients}); a sequential one turns each
 * block into pixels as soon as it is decoded.
 */
final class Component {
    final int id;
    final int horizontal;
    final int vertical;
    final int quantTable;
    /** Blocks per row and rows of blocks, padded to whole MCUs. */
    final int blocksAcross;
    final int blocksDown;
    /** Blocks that hold image data (a scan of this component alone covers exactly these). */
    final int dataBlocksAcross;
    final int dataBlocksDown;
    /**
     * Pixels each block becomes across and down: the decode scale's N times the component's
     * subsampling, up to 8, so that chroma is decoded straight at the luma's resolution when the
     * scale allows (libjpeg-turbo does the same) instead of being stretched afterwards.
     */
    int blockWidth;
    int blockHeight;
    ReducedIdct idct;
    /** The component's pixels: (blocksAcross · blockWidth) × (blocksDown · blockHeight). */
    byte[] plane;
    int planeStride;
    /**
     * The coefficients of every block, zigzag order undone, quantised (progressive frames only):
     * 64 a block, or only the DC term when no AC scan of this component is decoded at this scale.
     */
    short[] coefficients;
    int coefficientsPerBlock = 64;
    /** The quantisation table as it was at this component's first scan (libjpeg latches it then). */
    int[] quantisation;
    /** The DC prediction of the current scan. */
    int dcPredictor;

    Component(int id, int horizontal, int vertical, int quantTable, int width, int height,
              int maxHorizontal, int maxVertical, int mcusAcross, int mcusDown) {
        this.id = id;
        this.horizontal = horizontal;
        this.vertical = vertical;
        this.quantTable = quantTable;
        this.blocksAcross = mcusAcross * horizontal;
        this.blocksDown = mcusDown * vertical;
        int samplesAcross = ceilDiv(width * horizontal, maxHorizontal);
        int samplesDown = ceilDiv(height * vertical, maxVertical);
        this.dataBlocksAcross = ceilDiv(samplesAcross, 8);
        this.dataBlocksDown = ceilDiv(samplesDown, 8);
    }

    /** Sets the pixels a block becomes for output scale {@code n} (pixels per luma block) and allocates the plane. */
    void scaleTo(int n, int maxHorizontal, int maxVertical) {
        blockWidth = Math.min(8, n * maxHorizontal / horizontal);
        blockHeight = Math.min(8, n * maxVertical / vertical);
        idct = new ReducedIdct(blockWidth, blockHeight);
        planeStride = blocksAcross * blockWidth;
        plane = new byte[Math.toIntExact((long) planeStride * blocksDown * blockHeight)];
    }

    /** How much the plane must still be stretched across to reach the output's resolution at scale {@code n}. */
    int stretchAcross(int n, int maxHorizontal) {
        return n * maxHorizontal / horizontal / blockWidth;
    }

    int stretchDown(int n, int maxVertical) {
        return n * maxVertical / vertical / blockHeight;
    }

    long blocks() {
        return (long) blocksAcross * blocksDown;
    }

    static int ceilDiv(int a, int b) {
        return (int) (((long) a + b - 1) / b);
    }
}
