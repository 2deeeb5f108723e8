package dev.sis.http;

import dev.sis.image.ImageFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * {@code format=auto}: the first offered format whose media type the request's {@code Accept}
 * names with a quality above zero. Only types named outright count: {@code *}{@code /*} and
 * {@code image/*} do not, because clients that send them (curl, old browsers) often cannot
 * decode AVIF or WebP; browsers that can name {@code image/avif} and {@code image/webp}.
 */
final class AcceptedFormats {
    /** A weight as RFC 9110 spells it: 0 or 1, at most three decimals. */
    private static final Pattern WEIGHT = Pattern.compile("0(\\.\\d{0,3})?|1(\\.0{0,3})?");

    private AcceptedFormats() {
    }

    /**
     * @param accept  the {@code Accept} header, or {@code null}
     * @param offered the formats to offer, best first (what {@code --auto-formats} allows and the
     *                engine can write)
     * @return the chosen format, or {@code null} for the source's format
     */
    static ImageFormat choose(String accept, List<ImageFormat> offered) {
        if (accept == null) {
            return null;
        }
        for (ImageFormat format : offered) {
            if (accepts(accept, format.mediaType())) {
                return format;
            }
        }
        return null;
    }

    private static boolean accepts(String accept, String mediaType) {
        for (String range : accept.split(",")) {
            String[] parts = range.split(";", -1); // never empty, also for a range that is only ";"
            if (!parts[0].strip().toLowerCase(Locale.ROOT).equals(mediaType)) {
                continue;
            }
            return quality(parts) > 0;
        }
        return false;
    }

    /**
     * The {@code q} parameter of a media range, 1 when absent, 0 when it is not a weight as RFC 9110
     * §12.4.2 spells it (so "NaN", "Infinity", "1e3" or "2" never win a format).
     */
    private static double quality(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip();
            if (parameter.startsWith("q=") || parameter.startsWith("Q=")) {
                String weight = parameter.substring(2);
                return WEIGHT.matcher(weight).matches() ? Double.parseDouble(weight) : 0;
            }
        }
        return 1;
    }
}
