package dev.sis.image;

import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The geometry and effects of a /v1 variant, applied in this order: {@code crop} (in displayed
 * pixels, after EXIF orientation), {@code rotate} (clockwise), {@code flip}; then the resize
 * ({@link VariantSpec}'s w, h and fit, {@code fit=pad} filling the rest of w×h with
 * {@code background}); then {@code blur} or {@code sharpen}. One value inside {@link VariantSpec},
 * so that its id, cache and store keys cover every operation; {@link #NONE} adds nothing to the id.
 *
 * @param crop          the region kept, or {@code null} for the whole image
 * @param rotate        0, 90, 180 or 270 degrees clockwise
 * @param flip          mirrored after the rotation, or {@link Flip#NONE}
 * @param background    the padding colour as {@code 0xAARRGGBB}, or {@code null} for the format's
 *                      default (transparent where the output has alpha, else white)
 * @param blurTenths    the Gaussian blur's σ in tenths of a pixel, or 0 for none
 * @param sharpenTenths the unsharp mask's σ in tenths of a pixel, or 0 for none
 */
public record Transform(Crop crop, int rotate, Flip flip, Integer background, int blurTenths, int sharpenTenths) {
    /** No operation: the variants sis made before these existed. */
    public static final Transform NONE = new Transform(null, 0, Flip.NONE, null, 0, 0);
    /** σ bounds in tenths: 0.3–100 for blur (wider costs more than a deadline allows), 0.3–10 for sharpen. */
    public static final int MIN_SIGMA_TENTHS = 3;
    public static final int MAX_BLUR_TENTHS = 1000;
    public static final int MAX_SHARPEN_TENTHS = 100;

    private static final Pattern SUFFIXES = Pattern.compile(
            "(?:-c(\\d{1,9})\\.(\\d{1,9})\\.(\\d{1,9})\\.(\\d{1,9}))?(?:-r(90|180|270))?(?:-f(h|v|hv))?"
                    + "(?:-bg([0-9a-f]{8}))?(?:-blur(\\d{1,4}))?(?:-sharpen(\\d{1,3}))?");

    /** A region in displayed pixels: left, top, width, height. */
    public record Crop(int x, int y, int width, int height) {
        public Crop {
            if (x < 0 || y < 0 || width < 1 || height < 1) {
                throw new IllegalArgumentException("crop needs x, y ≥ 0 and w, h ≥ 1");
            }
        }

        /** Whether the region lies within a {@code imageWidth × imageHeight} image. */
        public boolean within(int imageWidth, int imageHeight) {
            return (long) x + width <= imageWidth && (long) y + height <= imageHeight;
        }
    }

    /** A mirror: horizontal (left–right), vertical (top–bottom), or both. */
    public enum Flip {
        NONE(""), H("h"), V("v"), HV("hv");

        private final String urlName;

        Flip(String urlName) {
            this.urlName = urlName;
        }

        public String urlName() {
            return urlName;
        }

        public boolean horizontal() {
            return this == H || this == HV;
        }

        public boolean vertical() {
            return this == V || this == HV;
        }

        /** @throws IllegalArgumentException unless {@code name} is h, v or hv */
        public static Flip fromUrlName(String name) {
            for (Flip flip : values()) {
                if (flip != NONE && flip.urlName.equals(name)) {
                    return flip;
                }
            }
            throw new IllegalArgumentException("flip must be one of h, v, hv");
        }
    }

    public Transform {
        if (rotate != 0 && rotate != 90 && rotate != 180 && rotate != 270) {
            throw new IllegalArgumentException("rotate must be 90, 180 or 270");
        }
        if (flip == null) {
            throw new IllegalArgumentException("flip must not be null (NONE for no flip)");
        }
        if (blurTenths != 0 && (blurTenths < MIN_SIGMA_TENTHS || blurTenths > MAX_BLUR_TENTHS)) {
            throw new IllegalArgumentException("blur must be from 0.3 to 100");
        }
        if (sharpenTenths != 0 && (sharpenTenths < MIN_SIGMA_TENTHS || sharpenTenths > MAX_SHARPEN_TENTHS)) {
            throw new IllegalArgumentException("sharpen must be from 0.3 to 10");
        }
    }

    public Transform withCrop(Crop c) {
        return new Transform(c, rotate, flip, background, blurTenths, sharpenTenths);
    }

    public Transform withRotate(int degrees) {
        return new Transform(crop, degrees, flip, background, blurTenths, sharpenTenths);
    }

    public Transform withFlip(Flip f) {
        return new Transform(crop, rotate, f, background, blurTenths, sharpenTenths);
    }

    public Transform withBackground(Integer argb) {
        return new Transform(crop, rotate, flip, argb, blurTenths, sharpenTenths);
    }

    public Transform withBlurTenths(int tenths) {
        return new Transform(crop, rotate, flip, background, tenths, sharpenTenths);
    }

    public Transform withSharpenTenths(int tenths) {
        return new Transform(crop, rotate, flip, background, blurTenths, tenths);
    }

    /** Whether the rotation turns width into height. */
    public boolean swapsAxes() {
        return rotate == 90 || rotate == 270;
    }

    /** Whether any operation moves pixels before the resize: crop, rotate or flip. */
    public boolean movesPixels() {
        return crop != null || rotate != 0 || flip != Flip.NONE;
    }

    /**
     * The id's suffixes for the operations used, in a fixed order, e.g. {@code -c0.0.50.40-r90};
     * empty for {@link #NONE}, so that ids of variants without operations stay as they were.
     */
    public String idSuffix() {
        StringBuilder id = new StringBuilder();
        if (crop != null) {
            id.append("-c").append(crop.x).append('.').append(crop.y).append('.').append(crop.width).append('.')
                    .append(crop.height);
        }
        if (rotate != 0) {
            id.append("-r").append(rotate);
        }
        if (flip != Flip.NONE) {
            id.append("-f").append(flip.urlName);
        }
        if (background != null) {
            id.append("-bg").append(HexFormat.of().toHexDigits(background.intValue()));
        }
        if (blurTenths != 0) {
            id.append("-blur").append(blurTenths);
        }
        if (sharpenTenths != 0) {
            id.append("-sharpen").append(sharpenTenths);
        }
        return id.toString();
    }

    /** The transform whose {@link #idSuffix()} is {@code suffix}; empty unless it is exactly one. */
    public static Optional<Transform> parseIdSuffix(String suffix) {
        Matcher m = SUFFIXES.matcher(suffix);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            Crop crop = m.group(1) == null ? null : new Crop(Integer.parseInt(m.group(1)),
                    Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)));
            Transform t = new Transform(crop, m.group(5) == null ? 0 : Integer.parseInt(m.group(5)),
                    m.group(6) == null ? Flip.NONE : Flip.fromUrlName(m.group(6)),
                    m.group(7) == null ? null : (int) Long.parseLong(m.group(7), 16),
                    m.group(8) == null ? 0 : Integer.parseInt(m.group(8)),
                    m.group(9) == null ? 0 : Integer.parseInt(m.group(9)));
            return t.idSuffix().equals(suffix) ? Optional.of(t) : Optional.empty();
        } catch (IllegalArgumentException notATransform) {
            return Optional.empty();
        }
    }

    /** σ as a decimal, e.g. 15 tenths → 1.5. */
    public static double sigma(int tenths) {
        return tenths / 10.0;
    }
}
