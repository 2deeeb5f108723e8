package dev.sis.cli;

import java.util.Locale;

/** Byte counts as progress lines show them to a person: {@code 512 B}, {@code 3.0 MiB}. */
public final class Sizes {
    private Sizes() {
    }

    /** {@code bytes} in the largest binary unit that keeps it at 1 or more, with one decimal. */
    public static String approximate(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
