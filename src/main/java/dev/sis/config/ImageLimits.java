package dev.sis.config;

/**
 * Budgets that keep image work bounded. Each is checked before any pixel is decoded.
 *
 * @param maxSourcePixels largest source image (width × height, from its header) a variant is made of
 * @param maxOutputPixels largest variant (width × height) that is made
 * @param maxDimension    largest {@code w} or {@code h} the /v1 API accepts
 * @param maxDecodes      how many images are decoded at the same time
 * @param maxQueuedDecodes how many more requests may wait for a decode slot; beyond that: 503
 */
public record ImageLimits(long maxSourcePixels, long maxOutputPixels, int maxDimension,
                          int maxDecodes, int maxQueuedDecodes) {
    public static final long DEFAULT_MAX_SOURCE_PIXELS = 50_000_000L;
    public static final long DEFAULT_MAX_OUTPUT_PIXELS = 25_000_000L;
    public static final int DEFAULT_MAX_DIMENSION = 10_000;

    public ImageLimits {
        if (maxSourcePixels < 1 || maxOutputPixels < 1 || maxDimension < 1) {
            throw new IllegalArgumentException("pixel limits must be positive");
        }
        if (maxDecodes < 1 || maxQueuedDecodes < 0) {
            throw new IllegalArgumentException("maxDecodes must be positive and maxQueuedDecodes not negative");
        }
    }

    public static ImageLimits defaults() {
        int cores = Runtime.getRuntime().availableProcessors();
        return new ImageLimits(DEFAULT_MAX_SOURCE_PIXELS, DEFAULT_MAX_OUTPUT_PIXELS, DEFAULT_MAX_DIMENSION,
                cores, 4 * cores);
    }
}
