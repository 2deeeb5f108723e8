package dev.sis.client;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A resized or converted copy of an image, as the /v1 query parameters {@code w h fit format q gravity fp}
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
 * @param gravity which part {@code fit=cover} keeps, or {@code null} for the server's default ({@code auto})
 */
public record Variant(int width, int height, Fit fit, Format format, int quality, Gravity gravity) {
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
        if (width == 0 && height == 0 && format == null && quality == 0) {
            throw new IllegalArgumentException("a variant needs w, h, format or q; without them ask for the original");
        }
    }

    /** A variant with the server's default gravity. */
    public Variant(int width, int height, Fit fit, Format format, int quality) {
        this(width, height, fit, format, quality, null);
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
        return new Variant(w, height, fit, format, quality, gravity);
    }

    public Variant withHeight(int h) {
        return new Variant(width, h, fit, format, quality, gravity);
    }

    public Variant withFit(Fit f) {
        return new Variant(width, height, f, format, quality, gravity);
    }

    public Variant withFormat(Format f) {
        return new Variant(width, height, fit, f, quality, gravity);
    }

    public Variant withQuality(int q) {
        return new Variant(width, height, fit, format, q, gravity);
    }

    /** Where {@code fit=cover} crops: a named gravity or {@link Gravity#point}. */
    public Variant withGravity(Gravity g) {
        return new Variant(width, height, fit, format, quality, g);
    }

    /** The /v1 query parameters, in the order {@code w h fit format q gravity|fp}, the ones not given left out. */
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
        if (gravity != null) {
            params.put(gravity.parameter(), gravity.value());
        }
        return params;
    }
}
