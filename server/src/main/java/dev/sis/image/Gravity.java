package dev.sis.image;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Which part of the scaled image a cover crop keeps: a compass side, the centre, a point
 * ({@code fp=x,y}, fractions of the width and height), the most detailed region ({@code smart}),
 * or the image's stored focal point ({@code focal}, and {@code auto}: that point when the image
 * has one, else the centre). {@code focal} and {@code auto} are resolved to a point or the centre
 * before a variant is named ({@link #resolve}), so a variant's id says which point it used.
 *
 * @param kind what anchors the crop
 * @param x    for {@link Kind#POINT}: 0..1 across, in steps of 1/{@value #STEPS}; else 0.5
 * @param y    for {@link Kind#POINT}: 0..1 down, in steps of 1/{@value #STEPS}; else 0.5
 */
public record Gravity(Kind kind, double x, double y) {
    /** A point is kept to 1/10,000 of a side, so that equal points name equal variants. */
    public static final int STEPS = 10_000;

    public static final Gravity CENTER = new Gravity(Kind.CENTER, 0.5, 0.5);

    /** What a crop is anchored by; compass kinds carry the fraction of the spare width and height left of and above it. */
    public enum Kind {
        CENTER(0.5, 0.5), NORTH(0.5, 0), SOUTH(0.5, 1), EAST(1, 0.5), WEST(0, 0.5),
        NORTHEAST(1, 0), NORTHWEST(0, 0), SOUTHEAST(1, 1), SOUTHWEST(0, 1),
        SMART(0.5, 0.5), FOCAL(0.5, 0.5), AUTO(0.5, 0.5), POINT(0.5, 0.5);

        final double spareLeft;
        final double spareAbove;

        Kind(double spareLeft, double spareAbove) {
            this.spareLeft = spareLeft;
            this.spareAbove = spareAbove;
        }

        public String urlName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Whether a request may name it as {@code gravity=}: all but POINT, which is {@code fp=}. */
        boolean named() {
            return this != POINT;
        }
    }

    public Gravity {
        if (kind == null) {
            throw new IllegalArgumentException("gravity kind is required");
        }
        if (kind != Kind.POINT) {
            x = 0.5;
            y = 0.5;
        } else if (!(x >= 0 && x <= 1 && y >= 0 && y <= 1)) {
            throw new IllegalArgumentException("a point's x and y are from 0 to 1");
        } else {
            x = Math.round(x * STEPS) / (double) STEPS;
            y = Math.round(y * STEPS) / (double) STEPS;
        }
    }

    public static Gravity of(Kind kind) {
        return new Gravity(kind, 0.5, 0.5);
    }

    public static Gravity point(double x, double y) {
        return new Gravity(Kind.POINT, x, y);
    }

    /** The kind a request names as {@code gravity=value}, or empty. */
    public static Optional<Kind> fromUrlName(String value) {
        return Arrays.stream(Kind.values()).filter(Kind::named).filter(k -> k.urlName().equals(value)).findFirst();
    }

    /** Every {@code gravity=} value, for error messages and documentation. */
    public static String urlNames() {
        return Arrays.stream(Kind.values()).filter(Kind::named).map(Kind::urlName).collect(Collectors.joining(", "));
    }

    /** Whether the crop depends on the stored focal point, which {@link #resolve} must look up first. */
    public boolean needsFocalPoint() {
        return kind == Kind.FOCAL || kind == Kind.AUTO;
    }

    /**
     * The gravity a variant is made and named with: {@code focal} and {@code auto} become the
     * image's focal point, or the centre when it has none; any other gravity is kept.
     *
     * @param focal the image's focal point (a {@link Kind#POINT}), or {@code null}
     */
    public Gravity resolve(Gravity focal) {
        if (!needsFocalPoint()) {
            return this;
        }
        return focal == null ? CENTER : point(focal.x, focal.y);
    }

    /**
     * The id suffix: empty for the centre (so ids made before gravity existed stay the same),
     * {@code -gnorth} etc., {@code -gsmart}, {@code -fp3000x6000} for a point in ten-thousandths.
     */
    String idSuffix() {
        return switch (kind) {
            case CENTER -> "";
            case POINT -> "-fp" + Math.round(x * STEPS) + "x" + Math.round(y * STEPS);
            // never a name: which pixels they give depends on the image, so they are resolved first
            case FOCAL, AUTO -> throw new IllegalStateException("gravity " + kind.urlName() + " is resolved before naming");
            default -> "-g" + kind.urlName();
        };
    }

    /** The inverse of {@link #idSuffix()} without its leading dash, or empty. */
    static Optional<Gravity> parseIdSuffix(String suffix) {
        if (suffix.startsWith("fp")) {
            String[] xy = suffix.substring(2).split("x", -1);
            if (xy.length != 2 || !digits(xy[0]) || !digits(xy[1])) {
                return Optional.empty();
            }
            int x = Integer.parseInt(xy[0]);
            int y = Integer.parseInt(xy[1]);
            return x <= STEPS && y <= STEPS ? Optional.of(point(x / (double) STEPS, y / (double) STEPS)) : Optional.empty();
        }
        return suffix.startsWith("g") ? fromUrlName(suffix.substring(1))
                .filter(k -> k != Kind.CENTER && k != Kind.FOCAL && k != Kind.AUTO).map(Gravity::of)
                : Optional.empty();
    }

    private static boolean digits(String s) {
        return !s.isEmpty() && s.length() <= 5 && s.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /**
     * Where a {@code width × height} window starts in a {@code scaledWidth × scaledHeight} image
     * along one axis: the compass fraction of the spare room, or centred on the point and kept
     * inside. {@link Kind#SMART} is decided from the pixels; this gives the centre for it.
     */
    int offset(int scaled, int window, boolean across) {
        int spare = scaled - window;
        if (spare <= 0) {
            return 0;
        }
        if (kind == Kind.POINT) {
            double at = (across ? x : y) * scaled - window / 2.0;
            return (int) Math.max(0, Math.min(spare, Math.round(at)));
        }
        return (int) Math.floor(spare * (across ? kind.spareLeft : kind.spareAbove));
    }
}
