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
 * Variant.builder().width(300).height(200).fit(Fit.COVER) // several values at once, checked once
 *         .gravity(Gravity.named("north")).build()
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

    /**
     * A builder with nothing given: set what the variant asks for, then {@link Builder#build()}
     * checks it as the constructor does. The one place besides the record's components that a new
     * parameter adds to; every factory and wither below goes through it.
     *
     * <pre>{@code
     * Variant.builder().width(300).height(200).fit(Fit.COVER).gravity(Gravity.named("north")).build()
     * }</pre>
     */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this variant's values, to change some and build another. */
    public Builder toBuilder() {
        return new Builder().width(width).height(height).fit(fit).format(format).quality(quality).gravity(gravity)
                .adjustments(adjustments).preset(preset).watermark(watermark);
    }

    /** The same variant with these geometry and effects (see {@link Adjustments}). */
    public Variant withAdjustments(Adjustments a) {
        return toBuilder().adjustments(a).build();
    }

    /** The variant the server's preset {@code name} names ({@code ?preset=name}). */
    public static Variant ofPreset(String name) {
        return builder().preset(java.util.Objects.requireNonNull(name, "name")).build();
    }

    /**
     * This variant with the server's watermark: {@code wm=opacity[,position[,scale]]}, e.g.
     * {@code 0.5}, {@code 0.5,southwest}, {@code 0.5,center,0.4}; {@code null} for none.
     */
    public Variant withWatermark(String wm) {
        return toBuilder().watermark(wm).build();
    }

    public static Variant ofWidth(int width) {
        return builder().width(width).build();
    }

    public static Variant ofHeight(int height) {
        return builder().height(height).build();
    }

    public static Variant ofSize(int width, int height) {
        return builder().width(width).height(height).build();
    }

    public static Variant ofFormat(Format format) {
        return builder().format(java.util.Objects.requireNonNull(format, "format")).build();
    }

    public Variant withWidth(int w) {
        return toBuilder().width(w).build();
    }

    public Variant withHeight(int h) {
        return toBuilder().height(h).build();
    }

    public Variant withFit(Fit f) {
        return toBuilder().fit(f).build();
    }

    public Variant withFormat(Format f) {
        return toBuilder().format(f).build();
    }

    public Variant withQuality(int q) {
        return toBuilder().quality(q).build();
    }

    /** Where {@code fit=cover} crops: a named gravity or {@link Gravity#point}. */
    public Variant withGravity(Gravity g) {
        return toBuilder().gravity(g).build();
    }

    /**
     * The values of a {@link Variant} being put together; each setter takes the record
     * component's "not given" ({@code 0}, {@code null}, {@link Adjustments#NONE}) to clear it.
     * Nothing is checked until {@link #build()}, so the values may be set in any order. Not
     * thread-safe; reusable (each build makes a new variant).
     */
    public static final class Builder {
        private int width;
        private int height;
        private Fit fit;
        private Format format;
        private int quality;
        private Gravity gravity;
        private Adjustments adjustments = Adjustments.NONE;
        private String preset;
        private String watermark;

        private Builder() {
        }

        /** {@code w}: 1 … {@value Variant#MAX_SIDE}, or 0 for not given. */
        public Builder width(int w) {
            this.width = w;
            return this;
        }

        /** {@code h}: 1 … {@value Variant#MAX_SIDE}, or 0 for not given. */
        public Builder height(int h) {
            this.height = h;
            return this;
        }

        public Builder fit(Fit f) {
            this.fit = f;
            return this;
        }

        public Builder format(Format f) {
            this.format = f;
            return this;
        }

        /** {@code q}: 1 … 100, or 0 for the server's default for the format. */
        public Builder quality(int q) {
            this.quality = q;
            return this;
        }

        /** Where {@code fit=cover} crops: a named gravity or {@link Gravity#point}. */
        public Builder gravity(Gravity g) {
            this.gravity = g;
            return this;
        }

        /** Crop, rotate, flip, bg, dpr, blur and sharpen; {@code null} is taken as {@link Adjustments#NONE}. */
        public Builder adjustments(Adjustments a) {
            this.adjustments = a == null ? Adjustments.NONE : a;
            return this;
        }

        /** {@code preset=}: names the whole variant, so nothing else may be set beside it. */
        public Builder preset(String name) {
            this.preset = name;
            return this;
        }

        /** {@code wm=opacity[,position[,scale]]}. */
        public Builder watermark(String wm) {
            this.watermark = wm;
            return this;
        }

        /**
         * The variant, checked as {@link Variant}'s constructor checks it.
         *
         * @throws IllegalArgumentException saying which value is wrong, or that nothing was given
         */
        public Variant build() {
            return new Variant(width, height, fit, format, quality, gravity, adjustments, preset, watermark);
        }
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
