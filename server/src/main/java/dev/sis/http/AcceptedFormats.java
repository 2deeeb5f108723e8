package dev.sis.http;

import dev.sis.image.ImageFormat;
import java.util.List;
import java.util.Locale;

/**
 * {@code format=auto}: the first offered format whose media type the request's {@code Accept}
 * names with a quality above zero. Only types named outright count: {@code *}{@code /*} and
 * {@code image/*} do not, because clients that send them (curl, old browsers) often cannot
 * decode AVIF or WebP; browsers that can name {@code image/avif} and {@code image/webp}.
 */
final class AcceptedFormats {
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
            String[] parts = range.split(";");
            if (!parts[0].strip().toLowerCase(Locale.ROOT).equals(mediaType)) {
                continue;
            }
            return quality(parts) > 0;
        }
        return false;
    }

    /** The {@code q} parameter of a media range, 1 when absent, 0 when unreadable (RFC 9110 §12.4.2). */
    private static double quality(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip();
            if (parameter.length() > 2 && (parameter.startsWith("q=") || parameter.startsWith("Q="))) {
                try {
                    return Double.parseDouble(parameter.substring(2));
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }
}
