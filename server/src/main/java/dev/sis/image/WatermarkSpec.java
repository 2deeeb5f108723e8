package dev.sis.image;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a variant is watermarked: part of {@link VariantSpec} (and so of its id, cache key and
 * ETag), with the watermark file's short hash, so that a new file never serves variants made with
 * the old one.
 *
 * @param opacity  1 to 100 per cent
 * @param position where on the variant it sits
 * @param scale    the watermark's width, 1 to 100 per cent of the variant's width
 * @param fileHash the first 8 hex digits of the watermark file's SHA-256
 */
public record WatermarkSpec(int opacity, Position position, int scale, String fileHash) {
    private static final Pattern ID = Pattern.compile("wm(\\d{1,3})-([a-z]+)-s(\\d{1,3})-([0-9a-f]{8})");

    /** The compass names, and the centre. */
    public enum Position {
        CENTER, NORTH, NORTHEAST, EAST, SOUTHEAST, SOUTH, SOUTHWEST, WEST, NORTHWEST;

        public String urlName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Position> fromUrlName(String name) {
            return Arrays.stream(values()).filter(p -> p.urlName().equals(name)).findFirst();
        }

        /** -1 west, 0 centre, 1 east. */
        int column() {
            return this == CENTER || this == NORTH || this == SOUTH ? 0 : urlName().endsWith("west") ? -1 : 1;
        }

        /** -1 north, 0 centre, 1 south. */
        int row() {
            return this == CENTER || this == EAST || this == WEST ? 0 : urlName().startsWith("north") ? -1 : 1;
        }
    }

    public WatermarkSpec {
        if (opacity < 1 || opacity > 100 || scale < 1 || scale > 100) {
            throw new IllegalArgumentException("opacity and scale must be from 1 to 100 per cent");
        }
        if (position == null || fileHash == null || !fileHash.matches("[0-9a-f]{8}")) {
            throw new IllegalArgumentException("a watermark needs a position and the file's 8-digit hash");
        }
    }

    /** The suffix of a variant's id, e.g. {@code wm50-southeast-s25-1a2b3c4d}. */
    public String id() {
        return "wm" + opacity + "-" + position.urlName() + "-s" + scale + "-" + fileHash;
    }

    /** The spec whose {@link #id()} is {@code id}, or empty. */
    public static Optional<WatermarkSpec> parseId(String id) {
        Matcher m = ID.matcher(id);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            Optional<Position> position = Position.fromUrlName(m.group(2));
            return position.map(p -> new WatermarkSpec(Integer.parseInt(m.group(1)), p, Integer.parseInt(m.group(3)),
                    m.group(4))).filter(spec -> spec.id().equals(id));
        } catch (IllegalArgumentException notASpec) {
            return Optional.empty();
        }
    }
}
