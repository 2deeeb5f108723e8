package dev.sis.image;

/**
 * The pure-Java engine's measure for {@code gravity=smart}: where in a scaled image the crop
 * window holds the most detail.
 *
 * <p>The measure: each pixel's detail is its local contrast, the absolute difference of its luma
 * (Rec. 601 weights, 0..255) from its right and its lower neighbour, added; flat areas score 0
 * whatever their colour, edges and texture score high. The window of the crop's size whose pixels
 * add up to the most detail wins (summed over a table of running sums, so every position costs
 * the same); among equal scores, the one nearest the centre, so that a flat image is cropped as
 * {@code center} would crop it. libvips' attention measure adds skin tones and saturation to the
 * edges; this one keeps to edges, which is what tells a subject from a plain background.
 */
final class Saliency {
    private Saliency() {
    }

    /** Where the best window starts: {@code {left, top}}. */
    static int[] bestWindow(int[] argb, int width, int height, int windowWidth, int windowHeight) {
        long[] sums = runningSums(detail(argb, width, height), width, height);
        int bestLeft = (width - windowWidth) / 2;
        int bestTop = (height - windowHeight) / 2;
        long best = windowSum(sums, width, bestLeft, bestTop, windowWidth, windowHeight);
        long bestDistance = 0;
        for (int top = 0; top + windowHeight <= height; top++) {
            for (int left = 0; left + windowWidth <= width; left++) {
                long sum = windowSum(sums, width, left, top, windowWidth, windowHeight);
                long distance = Math.abs(2L * left - (width - windowWidth)) + Math.abs(2L * top - (height - windowHeight));
                if (sum > best || (sum == best && distance < bestDistance)) {
                    best = sum;
                    bestDistance = distance;
                    bestLeft = left;
                    bestTop = top;
                }
            }
        }
        return new int[] {bestLeft, bestTop};
    }

    /** Each pixel's local contrast: |luma − right neighbour's| + |luma − lower neighbour's|. */
    static int[] detail(int[] argb, int width, int height) {
        int[] luma = new int[argb.length];
        for (int i = 0; i < argb.length; i++) {
            int p = argb[i];
            luma[i] = (299 * ((p >> 16) & 0xFF) + 587 * ((p >> 8) & 0xFF) + 114 * (p & 0xFF)) / 1000;
        }
        int[] detail = new int[argb.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = y * width + x;
                int right = x + 1 < width ? Math.abs(luma[i] - luma[i + 1]) : 0;
                int below = y + 1 < height ? Math.abs(luma[i] - luma[i + width]) : 0;
                detail[i] = right + below;
            }
        }
        return detail;
    }

    /** A summed-area table with one extra row and column of zeros: sums[(y+1)(w+1)+x+1] = Σ above and left. */
    private static long[] runningSums(int[] values, int width, int height) {
        int stride = width + 1;
        long[] sums = new long[stride * (height + 1)];
        for (int y = 0; y < height; y++) {
            long row = 0;
            for (int x = 0; x < width; x++) {
                row += values[y * width + x];
                sums[(y + 1) * stride + x + 1] = sums[y * stride + x + 1] + row;
            }
        }
        return sums;
    }

    private static long windowSum(long[] sums, int width, int left, int top, int w, int h) {
        int stride = width + 1;
        return sums[(top + h) * stride + left + w] - sums[top * stride + left + w]
                - sums[(top + h) * stride + left] + sums[top * stride + left];
    }
}
