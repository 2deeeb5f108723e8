package dev.sis.config;

import java.time.Duration;
import java.util.Objects;

/**
 * Budgets that keep image work bounded. The pixel budgets are checked from the header, before
 * any pixel is decoded.
 *
 * @param maxSourcePixels    largest source image (width × height, from its header) a variant is made of
 * @param maxOutputPixels    largest variant (width × height) that is made
 * @param maxDimension       largest {@code w} or {@code h} the /v1 API accepts
 * @param maxDecodes         how many images are decoded at the same time
 * @param maxQueuedDecodes   how many more requests may wait for a decode slot; beyond that: 503
 * @param maxAnimationPixels largest animation to resize: frames × canvas width × height
 * @param maxAnimationFrames most frames an animation may have to be resized
 * @param decodeMemoryBytes  memory the decodes running at once may use together (estimated from
 *                           each image's header); a decode that does not fit waits
 * @param decodeTimeout      how long making one variant may take; then 422
 * @param maxJpegScans       most scans (progressive passes) a JPEG may have to be resized
 * @param autoFormats        what {@code format=auto} may offer, best first: AVIF and WebP or fewer
 * @param avifEffort         libheif's AV1 effort for AVIF variants, 0 (fastest) … 9 (smallest)
 * @param qualities          the {@code q} of a lossy format when a request names it (or {@code format=auto}
 *                           picks it) and gives no {@code q}; a format not in it takes
 *                           {@link dev.sis.image.VariantSpec#DEFAULT_QUALITY}
 */
public record ImageLimits(long maxSourcePixels, long maxOutputPixels, int maxDimension,
                          int maxDecodes, int maxQueuedDecodes, long maxAnimationPixels, int maxAnimationFrames,
                          long decodeMemoryBytes, Duration decodeTimeout, int maxJpegScans,
                          java.util.List<dev.sis.image.ImageFormat> autoFormats, int avifEffort,
                          java.util.Map<dev.sis.image.ImageFormat, Integer> qualities) {
    /** AVIF first: smaller than WebP at the same look, for the browsers that take it. */
    public static final java.util.List<dev.sis.image.ImageFormat> DEFAULT_AUTO_FORMATS =
            java.util.List.of(dev.sis.image.ImageFormat.AVIF, dev.sis.image.ImageFormat.WEBP);
    /**
     * The measurement of an 800 px AVIF: effort 2 takes 0.13 s, 4 0.71 s, 9 9 s; only
     * the low efforts fit in a request's time.
     */
    public static final int DEFAULT_AVIF_EFFORT = 2;
    public static final long DEFAULT_MAX_SOURCE_PIXELS = 50_000_000L;
    public static final long DEFAULT_MAX_OUTPUT_PIXELS = 25_000_000L;
    public static final int DEFAULT_MAX_DIMENSION = 10_000;
    public static final long DEFAULT_MAX_ANIMATION_PIXELS = 100_000_000L;
    public static final int DEFAULT_MAX_ANIMATION_FRAMES = 1_000;
    public static final Duration DEFAULT_DECODE_TIMEOUT = Duration.ofSeconds(30);
    /**
     * Ten times the scans real progressive encoders write (libjpeg's and mozjpeg's scripts: about
     * 10), as libjpeg-turbo's {@code djpeg -maxscans} suggests guarding with.
     */
    public static final int DEFAULT_MAX_JPEG_SCANS = 100;
    /** The smallest decode memory budget: below it not even a small photo could be decoded. */
    public static final long MIN_DECODE_MEMORY = 16L << 20;

    public ImageLimits {
        if (maxSourcePixels < 1 || maxOutputPixels < 1 || maxDimension < 1 || maxAnimationPixels < 1) {
            throw new IllegalArgumentException("pixel limits must be positive");
        }
        if (maxDecodes < 1 || maxQueuedDecodes < 0 || maxAnimationFrames < 1 || maxJpegScans < 1) {
            throw new IllegalArgumentException(
                    "maxDecodes, maxAnimationFrames and maxJpegScans must be positive and maxQueuedDecodes not negative");
        }
        if (decodeMemoryBytes < MIN_DECODE_MEMORY) {
            throw new IllegalArgumentException("the decode memory budget must be at least 16 MiB");
        }
        autoFormats = java.util.List.copyOf(autoFormats);
        if (!DEFAULT_AUTO_FORMATS.containsAll(autoFormats)) {
            throw new IllegalArgumentException("format=auto can offer avif and webp only");
        }
        if (avifEffort < 0 || avifEffort > 9) {
            throw new IllegalArgumentException("the AVIF effort must be from 0 to 9");
        }
        qualities = java.util.Map.copyOf(qualities);
        qualities.forEach((format, q) -> {
            if (!format.lossy() || q < 1 || q > 100) {
                throw new IllegalArgumentException("a default quality is 1 to 100, for jpeg, webp and avif only");
            }
        });
        Objects.requireNonNull(decodeTimeout, "decodeTimeout");
        if (decodeTimeout.isNegative() || decodeTimeout.isZero()) {
            throw new IllegalArgumentException("the decode timeout must be positive");
        }
    }

    /**
     * The budgets and AVIF and {@code format=auto} choices, with the default qualities
     * ({@link FormatQualities#DEFAULTS}).
     */
    public ImageLimits(long maxSourcePixels, long maxOutputPixels, int maxDimension,
                       int maxDecodes, int maxQueuedDecodes, long maxAnimationPixels, int maxAnimationFrames,
                       long decodeMemoryBytes, Duration decodeTimeout, int maxJpegScans,
                       java.util.List<dev.sis.image.ImageFormat> autoFormats, int avifEffort) {
        this(maxSourcePixels, maxOutputPixels, maxDimension, maxDecodes, maxQueuedDecodes, maxAnimationPixels,
                maxAnimationFrames, decodeMemoryBytes, decodeTimeout, maxJpegScans, autoFormats, avifEffort,
                FormatQualities.DEFAULTS);
    }

    /** The {@code q} a variant in {@code format} (null: the source's) is made at when the request gives none. */
    public int defaultQuality(dev.sis.image.ImageFormat format) {
        return format == null ? dev.sis.image.VariantSpec.DEFAULT_QUALITY
                : qualities.getOrDefault(format, dev.sis.image.VariantSpec.DEFAULT_QUALITY);
    }

    /** The budgets, with the default AVIF and {@code format=auto} choices. */
    public ImageLimits(long maxSourcePixels, long maxOutputPixels, int maxDimension,
                       int maxDecodes, int maxQueuedDecodes, long maxAnimationPixels, int maxAnimationFrames,
                       long decodeMemoryBytes, Duration decodeTimeout, int maxJpegScans) {
        this(maxSourcePixels, maxOutputPixels, maxDimension, maxDecodes, maxQueuedDecodes, maxAnimationPixels,
                maxAnimationFrames, decodeMemoryBytes, decodeTimeout, maxJpegScans, DEFAULT_AUTO_FORMATS,
                DEFAULT_AVIF_EFFORT);
    }

    /** The first five budgets, with the defaults for the others. */
    public ImageLimits(long maxSourcePixels, long maxOutputPixels, int maxDimension, int maxDecodes, int maxQueuedDecodes) {
        this(maxSourcePixels, maxOutputPixels, maxDimension, maxDecodes, maxQueuedDecodes,
                DEFAULT_MAX_ANIMATION_PIXELS, DEFAULT_MAX_ANIMATION_FRAMES, defaultDecodeMemory(), DEFAULT_DECODE_TIMEOUT,
                DEFAULT_MAX_JPEG_SCANS);
    }

    public static ImageLimits defaults() {
        int cores = Runtime.getRuntime().availableProcessors();
        return new ImageLimits(DEFAULT_MAX_SOURCE_PIXELS, DEFAULT_MAX_OUTPUT_PIXELS, DEFAULT_MAX_DIMENSION,
                cores, 4 * cores);
    }

    /** Half the maximum heap: the other half is for the cache, requests and everything else. */
    public static long defaultDecodeMemory() {
        return Math.max(MIN_DECODE_MEMORY, Runtime.getRuntime().maxMemory() / 2);
    }

    /** Half of a heap of {@code heapBytes}, in whole MiB (see {@link #defaultDecodeMemory()}). */
    public static long defaultDecodeMemory(long heapBytes) {
        return Math.max(MIN_DECODE_MEMORY, heapBytes / 2 >> 20 << 20);
    }

    public ImageLimits withDecodeMemory(long bytes) {
        return new ImageLimits(maxSourcePixels, maxOutputPixels, maxDimension, maxDecodes, maxQueuedDecodes,
                maxAnimationPixels, maxAnimationFrames, bytes, decodeTimeout, maxJpegScans);
    }

    public ImageLimits withDecodeTimeout(Duration timeout) {
        return new ImageLimits(maxSourcePixels, maxOutputPixels, maxDimension, maxDecodes, maxQueuedDecodes,
                maxAnimationPixels, maxAnimationFrames, decodeMemoryBytes, timeout, maxJpegScans);
    }

    public ImageLimits withAnimationLimits(long pixels, int frames) {
        return new ImageLimits(maxSourcePixels, maxOutputPixels, maxDimension, maxDecodes, maxQueuedDecodes,
                pixels, frames, decodeMemoryBytes, decodeTimeout, maxJpegScans);
    }

    public ImageLimits withMaxJpegScans(int scans) {
        return new ImageLimits(maxSourcePixels, maxOutputPixels, maxDimension, maxDecodes, maxQueuedDecodes,
                maxAnimationPixels, maxAnimationFrames, decodeMemoryBytes, decodeTimeout, scans);
    }
}
