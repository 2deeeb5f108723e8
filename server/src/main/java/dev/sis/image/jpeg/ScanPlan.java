package dev.sis.image.jpeg;

/**
 * Which AC scans of a progressive JPEG can be skipped at a decode scale. A block decoded to
 * W × H pixels reads only its W × H lowest frequencies ({@link ReducedIdct}); a scan whose band
 * holds none of them, nor any coefficient that a scan which does need them refines, changes no
 * pixel. At 1/8 the luma needs its DC terms alone, so every luma AC scan — most of a photo's
 * bytes — is skipped without Huffman decoding; libjpeg's progressive scripts keep the bands
 * apart for exactly this kind of early display.
 *
 * <p>The closure: start from the frequencies the pixels need; any AC scan whose band meets the
 * set adds its whole band (a refinement scan must know which of its band's coefficients are
 * already non-zero, or it reads the wrong bits); repeat until nothing changes. What is left out
 * is read by no scan that is decoded.
 */
final class ScanPlan {
    /** needed[component][k]: whether zigzag coefficient k of that component must be decoded. */
    private final boolean[][] needed;

    /**
     * @param components the frame's components, their block sizes set ({@link Component#scaleTo})
     * @param scans      every AC scan of the file: {component index, first, last} of its band
     */
    ScanPlan(Component[] components, int[][] scans) {
        needed = new boolean[components.length][64];
        for (int i = 0; i < components.length; i++) {
            for (int k = 0; k < 64; k++) {
                int natural = ScanDecoder.ZIGZAG[k];
                needed[i][k] = natural % 8 < components[i].blockWidth && natural / 8 < components[i].blockHeight;
            }
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int[] scan : scans) {
                if (meets(scan[0], scan[1], scan[2])) {
                    for (int k = scan[1]; k <= scan[2]; k++) {
                        changed |= !needed[scan[0]][k];
                        needed[scan[0]][k] = true;
                    }
                }
            }
        }
    }

    /** Whether the AC scan of component {@code component} over zigzag band {@code first..last} must be decoded. */
    boolean meets(int component, int first, int last) {
        for (int k = first; k <= last; k++) {
            if (needed[component][k]) {
                return true;
            }
        }
        return false;
    }
}
