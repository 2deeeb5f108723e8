package dev.sis.image;

import dev.sis.client.Fit;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a variant is: the one canonical value that both the cache key and the on-disk variant
 * name derive from ({@link #id()}).
 *
 * @param width   target width in pixels as displayed, or 0 to follow the height (or keep)
 * @param height  target height in pixels as displayed, or 0 to follow the width (or keep)
 * @param fit     how w×h is filled when both are given
 * @param format  output format, or {@code null} for the source's format
 * @param quality 1–100, for lossy formats
 * @param gravity which part a cover crop keeps; the centre whenever nothing is cropped (another
 *                fit, or a side left to follow), so that it never forks ids for equal pixels
 * @param transform crop, rotate, flip, padding colour, blur and sharpen ({@link Transform#NONE} for none)
 * @param watermark how the variant is watermarked, or {@code null} for not (then the id has no suffix)
 */
public record VariantSpec(int width, int height, Fit fit, ImageFormat format, int quality, Gravity gravity,
                          Transform transform, WatermarkSpec watermark) {
    public static final int DEFAULT_QUALITY = 85;
    // After q: the gravity's suffix when the crop is not from the centre, the transform's suffixes,
    // if any, then the watermark's (which alone starts "-wm" and a digit).
    private static final Pattern ID = Pattern.compile("w(\\d{1,9})-h(\\d{1,9})-([a-z]+)-([a-z]+)-q(\\d{1,3})"
            + "(?:-(g[a-z]+|fp\\d{1,5}x\\d{1,5}))?(.*?)(?:-(wm\\d.*))?");

    /** A variant cropped (if at all) from the centre, without geometry operations, effects or watermark. */
    public VariantSpec(int width, int height, Fit fit, ImageFormat format, int quality) {
        this(width, height, fit, format, quality, Gravity.CENTER, Transform.NONE, null);
    }

    public VariantSpec {
        Objects.requireNonNull(fit, "fit");
        Objects.requireNonNull(transform, "transform");
        if (width < 0 || height < 0) {
            throw new IllegalArgumentException("width and height must not be negative");
        }
        if (quality < 1 || quality > 100) {
            throw new IllegalArgumentException("quality must be from 1 to 100");
        }
        if (format != null && !format.writable()) {
            throw new IllegalArgumentException("cannot write " + format);
        }
        if (gravity == null || fit != Fit.COVER || width == 0 || height == 0) {
            gravity = Gravity.CENTER;
        }
    }

    /** This spec with another gravity (normalised as the constructor does). */
    public VariantSpec withGravity(Gravity g) {
        return new VariantSpec(width, height, fit, format, quality, g, transform, watermark);
    }

    public VariantSpec withTransform(Transform t) {
        return new VariantSpec(width, height, fit, format, quality, gravity, t, watermark);
    }

    /** This variant with {@code watermark} (null: without one). */
    public VariantSpec withWatermark(WatermarkSpec w) {
        return new VariantSpec(width, height, fit, format, quality, gravity, transform, w);
    }

    /** sis 2.0's scaling: exactly w×h, source format, JPEG quality 100. */
    public static VariantSpec legacyStretch(int width, int height) {
        return new VariantSpec(width, height, Fit.STRETCH, null, 100);
    }

    /**
     * The canonical id, e.g. {@code w300-h200-cover-jpeg-q85}, with {@code -gnorth} or
     * {@code -fp3000x6000} after it only when a crop is not from the centre: safe as a path
     * segment, and equal for equal specs.
     */
    public String id() {
        return "w" + width + "-h" + height + "-" + fit.urlName() + "-"
                + (format == null ? "auto" : format.urlName()) + "-q" + quality + gravity.idSuffix()
                + transform.idSuffix()
                + (watermark == null ? "" : "-" + watermark.id());
    }

    /**
     * The spec whose {@link #id()} is {@code id}, for checking a variant stored under that id;
     * empty unless {@code id} is exactly a canonical id.
     */
    public static Optional<VariantSpec> parseId(String id) {
        Matcher m = ID.matcher(id);
        if (!m.matches()) {
            return Optional.empty();
        }
        Optional<ImageFormat> format = m.group(4).equals("auto") ? Optional.empty()
                : ImageFormat.fromUrlName(m.group(4)).filter(ImageFormat::writable);
        if (format.isEmpty() && !m.group(4).equals("auto")) {
            return Optional.empty();
        }
        Optional<Gravity> gravity = m.group(6) == null ? Optional.of(Gravity.CENTER) : Gravity.parseIdSuffix(m.group(6));
        Optional<Transform> transform = Transform.parseIdSuffix(m.group(7));
        if (gravity.isEmpty() || transform.isEmpty()) {
            return Optional.empty();
        }
        try {
            // An unknown fit throws IllegalArgumentException too: not a spec either.
            VariantSpec spec = new VariantSpec(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Fit.fromUrlName(m.group(3)),
                    format.orElse(null), Integer.parseInt(m.group(5)), gravity.get(), transform.get(),
                    m.group(8) == null ? null : WatermarkSpec.parseId(m.group(8)).orElse(null));
            return spec.id().equals(id) ? Optional.of(spec) : Optional.empty();
        } catch (IllegalArgumentException notASpec) {
            return Optional.empty();
        }
    }

    /** The format a variant of a {@code source} image is written in. */
    public ImageFormat outputFormat(ImageFormat source) {
        if (format != null) {
            return format;
        }
        return source.defaultVariantFormat();
    }
}
