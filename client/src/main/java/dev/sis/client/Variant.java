package dev.sis.client;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A resized or converted copy of an image, as the /v1 query parameters {@code w h fit format q}
 * ask for it. Validated when made, with the server's own ranges, so a bad value fails here and
 * not as a 400 from the server; the server may still refuse a size over its configured
 * {@code --max-dimension} or outside its {@code --sizes}.
 *
 * <pre>{@code
 * Variant.ofWidth(300)                                   // w=300, height follows the aspect ratio
 * Variant.ofSize(300, 200).withFit(Fit.COVER)            // exactly 300×200, cropped
 * Variant.ofFormat(Format.WEBP).withQuality(70)          // same size, WebP at quality 70
 * }</pre>
 *
 * @param width   target width in pixels, 1 … {@value #MAX_SIDE}, or 0 when not given
 * @param height  target height in pixels, 1 … {@value #MAX_SIDE}, or 0 when not given
 * @param fit     how w×h is filled, or {@code null} for the server's default ({@code contain})
 * @param format  the output format, or {@code null} for the source's
 * @param quality 1 … 100 for JPEG and WebP, or 0 for the server's default (85)
 * @param adjustments crop, rotate, flip, bg, dpr, blur and sharpen ({@link Adjustments#NONE} for none)
 */
public record Variant(int width, int height, Fit fit, Format format, int quality,
                      Adjustments adjustments) {
    /** The largest side any sis accepts ({@code --max-dimension} goes up to it; it defaults to 10000). */
    public static final int MAX_SIDE = 1_048_576;

    public Variant {
        if (width < 0 || width > MAX_SIDE) {
            throw new IllegalArgumentException("w must be from 1 to " + MAX_SIDE + " (or 0 for not given), got " + width);
        }
        if (height < 0 || height > MAX_SIDE) {
            throw new IllegalArgumentException("h must be from 1 to " + MAX_SIDE + " (or 0 for not given), got " + height);
        }
        if (quality < 0 || quality > 100) {
            throw new IllegalArgumentException("q must be from 1 to 100 (or 0 for the default), got " + quality);
        }
        java.util.Objects.requireNonNull(adjustments, "adjustments (Adjustments.NONE for none)");
        if (width == 0 && height == 0 && format == null && quality == 0 && adjustments.equals(Adjustments.NONE)) {
            throw new IllegalArgumentException("a variant needs w, h, format, q or an adjustment; without them ask for the original");
        }
        if (adjustments.dpr() != 1 && width == 0 && height == 0) {
            throw new IllegalArgumentException("dpr multiplies w and h: give w or h with it");
        }
        if (adjustments.background() != null && fit != Fit.PAD) {
            throw new IllegalArgumentException("bg is the padding colour: it applies only with fit pad");
        }
    }

    public Variant(int width, int height, Fit fit, Format format, int quality) {
        this(width, height, fit, format, quality, Adjustments.NONE);
    }

    /** The same variant with these geometry and effects (see {@link Adjustments}). */
    public Variant withAdjustments(Adjustments a) {
        return new Variant(width, height, fit, format, quality, a);
    }

    public static Variant ofWidth(int width) {
        return new Variant(width, 0, null, null, 0);
    }

    public static Variant ofHeight(int height) {
        return new Variant(0, height, null, null, 0);
    }

    public static Variant ofSize(int width, int height) {
        return new Variant(width, height, null, null, 0);
    }

    public static Variant ofFormat(Format format) {
        return new Variant(0, 0, null, java.util.Objects.requireNonNull(format, "format"), 0);
    }

    public Variant withWidth(int w) {
        return new Variant(w, height, fit, format, quality, adjustments);
    }

    public Variant withHeight(int h) {
        return new Variant(width, h, fit, format, quality, adjustments);
    }

    public Variant withFit(Fit f) {
        return new Variant(width, height, f, format, quality, adjustments);
    }

    public Variant withFormat(Format f) {
        return new Variant(width, height, fit, f, quality, adjustments);
    }

    public Variant withQuality(int q) {
        return new Variant(width, height, fit, format, q, adjustments);
    }

    /** The /v1 query parameters, in the order {@code w h fit format q}, then the adjustments', the ones not given left out. */
    public Map<String, String> queryParameters() {
        Map<String, String> params = new LinkedHashMap<>();
        if (width > 0) {
            params.put("w", Integer.toString(width));
        }
        if (height > 0) {
            params.put("h", Integer.toString(height));
        }
        if (fit != null) {
            params.put("fit", fit.urlName());
        }
        if (format != null) {
            params.put("format", format.urlName());
        }
        if (quality > 0) {
            params.put("q", Integer.toString(quality));
        }
        params.putAll(adjustments.queryParameters());
        return params;
    }
}
