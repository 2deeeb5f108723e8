package dev.sis.client;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The geometry and effects of a /v1 variant ({@code crop rotate flip bg dpr blur sharpen}), as
 * {@link Variant#withAdjustments} adds them, validated with the server's ranges. The server
 * applies them in this order: crop (displayed pixels), rotate (clockwise), flip, then the resize
 * (with {@code dpr} multiplying w and h, and {@code bg} filling {@link Fit#PAD}'s margins), then
 * blur or sharpen.
 *
 * <pre>{@code
 * Variant.ofSize(300, 300).withFit(Fit.PAD)
 *         .withAdjustments(Adjustments.NONE.withRotate(90).withBackground("000000").withDpr(2))
 * }</pre>
 *
 * @param crop       the region kept as {@code x,y,w,h}, or {@code null}
 * @param rotate     0 (none), 90, 180 or 270
 * @param flip       {@code h}, {@code v}, {@code hv}, or {@code null}
 * @param background {@code RRGGBB} or {@code RRGGBBAA} for {@link Fit#PAD}, or {@code null}
 * @param dpr        1 to 4 (two decimals at most); 1 when not given
 * @param blur       σ from 0.3 to 100 (one decimal at most), or 0
 * @param sharpen    σ from 0.3 to 10 (one decimal at most), or 0
 */
public record Adjustments(Crop crop, int rotate, String flip, String background, double dpr, double blur,
                          double sharpen) {
    public static final Adjustments NONE = new Adjustments(null, 0, null, null, 1, 0, 0);
    private static final Pattern COLOUR = Pattern.compile("[0-9a-fA-F]{6}([0-9a-fA-F]{2})?");

    /** A region in displayed pixels: left, top, width, height. */
    public record Crop(int x, int y, int width, int height) {
        public Crop {
            if (x < 0 || y < 0 || width < 1 || height < 1) {
                throw new IllegalArgumentException("crop needs x and y from 0, w and h from 1, got "
                        + x + "," + y + "," + width + "," + height);
            }
        }
    }

    public Adjustments {
        if (rotate != 0 && rotate != 90 && rotate != 180 && rotate != 270) {
            throw new IllegalArgumentException("rotate must be 90, 180 or 270, got " + rotate);
        }
        if (flip != null && !flip.matches("h|v|hv")) {
            throw new IllegalArgumentException("flip must be h, v or hv, got \"" + flip + "\"");
        }
        if (background != null && !COLOUR.matcher(background).matches()) {
            throw new IllegalArgumentException("bg must be RRGGBB or RRGGBBAA in hexadecimal, got \"" + background + "\"");
        }
        if (!(dpr >= 1 && dpr <= 4) || decimals(dpr) > 2) {
            throw new IllegalArgumentException("dpr must be from 1 to 4 with at most two decimals, got " + dpr);
        }
        sigma("blur", blur, 100);
        sigma("sharpen", sharpen, 10);
    }

    private static void sigma(String name, double value, double max) {
        if (value != 0 && (!(value >= 0.3 && value <= max) || decimals(value) > 1)) {
            throw new IllegalArgumentException(name + " must be from 0.3 to " + (int) max
                    + " with at most one decimal (or 0 for none), got " + value);
        }
    }

    private static int decimals(double value) {
        return Math.max(0, BigDecimal.valueOf(value).stripTrailingZeros().scale());
    }

    public Adjustments withCrop(int x, int y, int width, int height) {
        return new Adjustments(new Crop(x, y, width, height), rotate, flip, background, dpr, blur, sharpen);
    }

    public Adjustments withRotate(int degrees) {
        return new Adjustments(crop, degrees, flip, background, dpr, blur, sharpen);
    }

    public Adjustments withFlip(String f) {
        return new Adjustments(crop, rotate, f, background, dpr, blur, sharpen);
    }

    public Adjustments withBackground(String colour) {
        return new Adjustments(crop, rotate, flip, colour, dpr, blur, sharpen);
    }

    public Adjustments withDpr(double ratio) {
        return new Adjustments(crop, rotate, flip, background, ratio, blur, sharpen);
    }

    public Adjustments withBlur(double sigma) {
        return new Adjustments(crop, rotate, flip, background, dpr, sigma, sharpen);
    }

    public Adjustments withSharpen(double sigma) {
        return new Adjustments(crop, rotate, flip, background, dpr, blur, sigma);
    }

    /** The query parameters, in the order {@code crop rotate flip bg dpr blur sharpen}, the ones not given left out. */
    public Map<String, String> queryParameters() {
        Map<String, String> params = new LinkedHashMap<>();
        if (crop != null) {
            params.put("crop", crop.x + "," + crop.y + "," + crop.width + "," + crop.height);
        }
        if (rotate != 0) {
            params.put("rotate", Integer.toString(rotate));
        }
        if (flip != null) {
            params.put("flip", flip);
        }
        if (background != null) {
            params.put("bg", background);
        }
        if (dpr != 1) {
            params.put("dpr", number(dpr));
        }
        if (blur != 0) {
            params.put("blur", number(blur));
        }
        if (sharpen != 0) {
            params.put("sharpen", number(sharpen));
        }
        return params;
    }

    /** 2 as {@code 2}, 1.5 as {@code 1.5}: the server reads plain decimals. */
    private static String number(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
