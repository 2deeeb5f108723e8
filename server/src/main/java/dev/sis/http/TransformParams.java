package dev.sis.http;

import dev.sis.errors.InvalidInputException;
import dev.sis.image.Transform;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses /v1's geometry and effect parameters ({@code crop rotate flip bg blur sharpen}) into a
 * {@link Transform}, and {@code dpr} into a factor; {@link VariantParams} applies both. Each bad
 * value is refused with a message naming the parameter and what it takes.
 */
final class TransformParams {
    /** Every parameter read here; one of them alone asks for a variant. */
    static final List<String> NAMES = List.of("crop", "rotate", "flip", "bg", "dpr", "blur", "sharpen");
    static final double MAX_DPR = 4;

    private static final Pattern CROP = Pattern.compile("(\\d{1,9}),(\\d{1,9}),(\\d{1,9}),(\\d{1,9})");
    private static final Pattern TENTHS = Pattern.compile("(\\d{1,3})(?:\\.(\\d))?");
    private static final Pattern DPR = Pattern.compile("([1-4])(?:\\.(\\d{1,2}))?");
    private static final Pattern COLOUR = Pattern.compile("[0-9a-fA-F]{6}(?:[0-9a-fA-F]{2})?");

    private TransformParams() {
    }

    static boolean anyGiven(Function<String, String> query) {
        return NAMES.stream().anyMatch(name -> query.apply(name) != null);
    }

    /** @throws InvalidInputException naming the bad parameter */
    static Transform parse(Function<String, String> query) {
        Transform t = Transform.NONE;
        String crop = query.apply("crop");
        if (crop != null) {
            t = t.withCrop(crop(crop));
        }
        String rotate = query.apply("rotate");
        if (rotate != null) {
            t = t.withRotate(switch (rotate) {
                case "90", "180", "270" -> Integer.parseInt(rotate);
                default -> throw new InvalidInputException("rotate must be 90, 180 or 270 (degrees clockwise)");
            });
        }
        String flip = query.apply("flip");
        if (flip != null) {
            try {
                t = t.withFlip(Transform.Flip.fromUrlName(flip));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("flip must be one of h, v, hv");
            }
        }
        String bg = query.apply("bg");
        if (bg != null) {
            t = t.withBackground(colour(bg));
        }
        String blur = query.apply("blur");
        if (blur != null) {
            t = t.withBlurTenths(tenths("blur", blur, Transform.MAX_BLUR_TENTHS));
        }
        String sharpen = query.apply("sharpen");
        if (sharpen != null) {
            t = t.withSharpenTenths(tenths("sharpen", sharpen, Transform.MAX_SHARPEN_TENTHS));
        }
        return t;
    }

    /** The {@code dpr} factor, 1 when absent. */
    static double dpr(String value) {
        if (value == null) {
            return 1;
        }
        Matcher m = DPR.matcher(value);
        double dpr = m.matches() ? Double.parseDouble(value) : -1;
        if (dpr < 1 || dpr > MAX_DPR) {
            throw new InvalidInputException("dpr must be a number from 1 to 4 (at most two decimals)");
        }
        return dpr;
    }

    private static Transform.Crop crop(String value) {
        Matcher m = CROP.matcher(value);
        String rule = "crop must be x,y,w,h in displayed pixels: x and y from 0, w and h from 1";
        if (!m.matches()) {
            throw new InvalidInputException(rule);
        }
        int w = Integer.parseInt(m.group(3));
        int h = Integer.parseInt(m.group(4));
        if (w < 1 || h < 1) {
            throw new InvalidInputException(rule);
        }
        return new Transform.Crop(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), w, h);
    }

    /** {@code RRGGBB} (opaque) or {@code RRGGBBAA}, as {@code 0xAARRGGBB}. */
    private static int colour(String value) {
        if (!COLOUR.matcher(value).matches()) {
            throw new InvalidInputException("bg must be a colour as RRGGBB or RRGGBBAA in hexadecimal, e.g. ffffff or 00000000");
        }
        int rgb = HexFormat.fromHexDigits(value, 0, 6);
        int alpha = value.length() == 8 ? HexFormat.fromHexDigits(value, 6, 8) : 0xFF;
        return alpha << 24 | rgb;
    }

    private static int tenths(String name, String value, int maxTenths) {
        Matcher m = TENTHS.matcher(value);
        int tenths = m.matches() ? Integer.parseInt(m.group(1)) * 10 + (m.group(2) == null ? 0 : Integer.parseInt(m.group(2))) : -1;
        if (tenths < Transform.MIN_SIGMA_TENTHS || tenths > maxTenths) {
            throw new InvalidInputException(name + " must be a σ in pixels from " + Transform.sigma(Transform.MIN_SIGMA_TENTHS)
                    + " to " + Transform.sigma(maxTenths) + " (at most one decimal)");
        }
        return tenths;
    }
}
