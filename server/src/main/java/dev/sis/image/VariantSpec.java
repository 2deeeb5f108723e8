package dev.sis.image;

import java.util.Objects;

/**
 * What a variant is: the one canonical value that both the cache key and the on-disk variant
 * name derive from ({@link #id()}).
 *
 * @param width   target width in pixels as displayed, or 0 to follow the height (or keep)
 * @param height  target height in pixels as displayed, or 0 to follow the width (or keep)
 * @param fit     how w×h is filled when both are given
 * @param format  output format, or {@code null} for the source's format
 * @param quality 1–100, for lossy formats
 */
public record VariantSpec(int width, int height, Fit fit, ImageFormat format, int quality) {
    public static final int DEFAULT_QUALITY = 85;

    public VariantSpec {
        Objects.requireNonNull(fit, "fit");
        if (width < 0 || height < 0) {
            throw new IllegalArgumentException("width and height must not be negative");
        }
        if (quality < 1 || quality > 100) {
            throw new IllegalArgumentException("quality must be from 1 to 100");
        }
        if (format != null && !format.writable()) {
            throw new IllegalArgumentException("cannot write " + format);
        }
    }

    /** sis 2.0's scaling: exactly w×h, source format, JPEG quality 100. */
    public static VariantSpec legacyStretch(int width, int height) {
        return new VariantSpec(width, height, Fit.STRETCH, null, 100);
    }

    /**
     * The canonical id, e.g. {@code w300-h200-cover-jpeg-q85}: safe as a path segment, and equal
     * for equal specs.
     */
    public String id() {
        return "w" + width + "-h" + height + "-" + fit.urlName() + "-"
                + (format == null ? "auto" : format.urlName()) + "-q" + quality;
    }

    /** The format a variant of a {@code source} image is written in. */
    public ImageFormat outputFormat(ImageFormat source) {
        if (format != null) {
            return format;
        }
        return source.writable() ? source : ImageFormat.PNG;
    }
}
