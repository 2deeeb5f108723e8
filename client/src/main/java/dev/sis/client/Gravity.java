package dev.sis.client;

import java.util.List;
import java.util.Locale;

/**
 * Which part of the image {@code fit=cover} keeps: a named gravity ({@code gravity=north},
 * {@code smart}, {@code focal}, …) or a point for this request ({@code fp=x,y}, each 0 … 1).
 *
 * <pre>{@code
 * Variant.ofSize(300, 300).withFit(Fit.COVER).withGravity(Gravity.SMART)
 * Variant.ofSize(300, 300).withFit(Fit.COVER).withGravity(Gravity.point(0.3, 0.6))
 * }</pre>
 *
 * @param name the {@code gravity} value, or {@code null} for a point
 * @param x    a point's x (0 … 1), else 0.5
 * @param y    a point's y (0 … 1), else 0.5
 */
public record Gravity(String name, double x, double y) {
    /** Every {@code gravity} value the server takes, in its order. */
    public static final List<String> NAMES = List.of("center", "north", "south", "east", "west",
            "northeast", "northwest", "southeast", "southwest", "smart", "focal", "auto");

    public static final Gravity CENTER = named("center");
    public static final Gravity NORTH = named("north");
    public static final Gravity SOUTH = named("south");
    public static final Gravity EAST = named("east");
    public static final Gravity WEST = named("west");
    public static final Gravity NORTHEAST = named("northeast");
    public static final Gravity NORTHWEST = named("northwest");
    public static final Gravity SOUTHEAST = named("southeast");
    public static final Gravity SOUTHWEST = named("southwest");
    /** The most detailed region (libvips attention, or sis's own measure on the java engine). */
    public static final Gravity SMART = named("smart");
    /** The image's stored focal point; the centre when it has none. */
    public static final Gravity FOCAL = named("focal");
    /** The server's default for cover: the focal point when the image has one, else the centre. */
    public static final Gravity AUTO = named("auto");

    public Gravity {
        if (name != null && !NAMES.contains(name)) {
            throw new IllegalArgumentException("gravity must be one of " + String.join(", ", NAMES) + ", got " + name);
        }
        if (name == null && !(x >= 0 && x <= 1 && y >= 0 && y <= 1)) {
            throw new IllegalArgumentException("a focal point's x and y must be from 0 to 1, got " + x + "," + y);
        }
    }

    /** A named gravity, as the {@code gravity} parameter spells it (case-insensitive). */
    public static Gravity named(String name) {
        return new Gravity(name.toLowerCase(Locale.ROOT), 0.5, 0.5);
    }

    /** A focal point for this request: {@code fp=x,y}. */
    public static Gravity point(double x, double y) {
        return new Gravity(null, x, y);
    }

    /** The query parameter's name: {@code gravity} or {@code fp}. */
    String parameter() {
        return name == null ? "fp" : "gravity";
    }

    /** The query parameter's value. */
    String value() {
        return name != null ? name : decimal(x) + "," + decimal(y);
    }

    /** Plain decimal, as the server reads it: no exponent. */
    private static String decimal(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
