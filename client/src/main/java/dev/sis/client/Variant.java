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
 * @param quality 1 … 100 for JPEG, WebP and AVIF, or 0 for the server's default for the format
 *                (its {@code --quality}: jpeg 85, webp 90, avif 85 unless set; 85 for the source's format)
 * @param gravity which part {@code fit=cover} keeps, or {@code null} for the server's default ({@code auto})
 * @param adjustments crop, rotate, flip, bg, dpr, blur and sharpen ({@link Adjustments#NONE} for none)
 * @param preset    a preset the server was started with ({@code ?preset=}), or {@code null}; it
 *                  names the whole variant, so nothing else may be given beside it
 * @param watermark the server's watermark, {@code wm=opacity[,position[,scale]]}, or {@code null}
 */
public record Variant(int width, int height, Fit fit, Format format, int quality, Gravity gravity,
                      Adjustments adjustments, String preset, String watermark) {
    /** A preset's name, as the server accepts it. */
    private static final java.util.regex.Pattern PRESET = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{1,32}");
    /** {@code wm}'s value: opacity 0..1, then a compass name or center, then scale 0.01..1; two decimals at most. */
    private static final java.util.regex.Pattern WM = java.util.regex.Pattern.compile(
            "(0|1|0?\\.\\d{1,2}|1\\.0{1,2})(,(center|north|northeast|east|southeast|south|southwest|west|northwest)"
                    + "(,(1|0?\\.\\d{1,2}|1\\.0{1,2}))?)?");

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
        if (preset != null && (!PRESET.matcher(preset).matches() || width != 0 || height != 0 || fit != null
                || format != null || quality != 0 || gravity != null || watermark != null
                || !adjustments.equals(Adjustments.NONE))) {
            throw new IllegalArgumentException("a preset is 1 to 32 letters, digits, - or _ and names the whole variant "
                    + "(nothing beside it), got " + preset);
        }
        if (watermark != null && !WM.matcher(watermark).matches()) {
            throw new IllegalArgumentException("wm must be opacity[,position[,scale]] like 0.5,southeast,0.25, got "
                    + watermark);
        }
        if (width == 0 && height == 0 && format == null && quality == 0 && adjustments.equals(Adjustments.NONE)
                && preset == null && watermark == null) {
            throw new IllegalArgumentException("a variant needs w, h, format, q or an adjustment; without them ask for the original");
        }
        if (adjustments.dpr() != 1 && width == 0 && height == 0) {
            throw new IllegalArgumentException("dpr multiplies w and h: give w or h with it");
        }
        if (adjustments.background() != null && fit != Fit.PAD) {
            throw new IllegalArgumentException("bg is the padding colour: it applies only with fit pad");
        }
    }

    /** A variant with the server's default gravity, without adjustments, preset or watermark. */
    public Variant(int width, int height, Fit fit, Format format, int quality) {
        this(width, height, fit, format, quality, null, Adjustments.NONE, null, null);
    }

    /** The same variant with these geometry and effects (see {@link Adjustments}). */
    public Variant withAdjustments(Adjustments a) {
        return new Variant(width, height, fit, format, quality, gravity, a, preset, watermark);
    }

    /** The variant the server's preset {@code name} names ({@code ?preset=name}). */
    public static Variant ofPreset(String name) {
        return new Variant(0, 0, null, null, 0, null, Adjustments.NONE, java.util.Objects.requireNonNull(name, "name"), null);
    }

    /**
     * This variant with the server's watermark: {@code wm=opacity[,position[,scale]]}, e.g.
     * {@code 0.5}, {@code 0.5,southwest}, {@code 0.5,center,0.4}; {@code null} for none.
     */
    public Variant withWatermark(String wm) {
        return new Variant(width, height, fit, format, quality, gravity, adjustments, preset, wm);
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
        return new Variant(w, height, fit, format, quality, gravity, adjustments, preset, watermark);
    }

    public Variant withHeight(int h) {
        return new Variant(width, h, fit, format, quality, gravity, adjustments, preset, watermark);
    }

    public Variant withFit(Fit f) {
        return new Variant(width, height, f, format, quality, gravity, adjustments, preset, watermark);
    }

    public Variant withFormat(Format f) {
        return new Variant(width, height, fit, f, quality, gravity, adjustments, preset, watermark);
    }

    public Variant withQuality(int q) {
        return new Variant(width, height, fit, format, q, gravity, adjustments, preset, watermark);
    }

    /** Where {@code fit=cover} crops: a named gravity or {@link Gravity#point}. */
    public Variant withGravity(Gravity g) {
        return new Variant(width, height, fit, format, quality, g, adjustments, preset, watermark);
    }

    /** The /v1 query parameters, in the order {@code w h fit format q gravity|fp}, then the adjustments', then {@code preset wm}, the ones not given left out. */
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
        params.putAll(adjustments.queryParameters());
        if (preset != null) {
            params.put("preset", preset);
        }
        if (watermark != null) {
            params.put("wm", watermark);
        }
        return params;
    }
}
