package dev.sis.http.multipart;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A part's header section, read line by line. sis reads these lines itself, as Go's
 * mime/multipart does, rather than through Jetty, which refuses folded lines and control
 * characters and turns tabs into spaces: a file name with those must reach
 * {@code model.FileName} as sent, to be refused there with sis 2.0's 413.
 */
final class PartHeaders {
    private final Map<String, String> values = new HashMap<>();
    private boolean anyHeader;
    /** The header a continuation line extends; null after a dropped repeat. */
    private String continued;

    /**
     * Adds one header line, without its line ending. Bytes are decoded as UTF-8, because
     * browsers put raw UTF-8 file names in quoted strings; invalid bytes become U+FFFD.
     * Continuation lines (starting with space or tab) are joined to the header before them.
     *
     * @return {@code false} for the blank line that ends the section
     */
    boolean add(byte[] buf, int from, int to) throws MalformedMultipartException {
        if (from == to) {
            return false;
        }
        String text = new String(buf, from, to - from, StandardCharsets.UTF_8);
        if (text.charAt(0) == ' ' || text.charAt(0) == '\t') {
            if (!anyHeader) {
                throw new MalformedMultipartException("a part's headers start with a continuation line");
            }
            if (continued != null) {
                values.merge(continued, text.strip(), (value, more) -> value + " " + more);
            }
            return true;
        }
        int colon = text.indexOf(':');
        if (colon <= 0) {
            throw new MalformedMultipartException("a part header line has no name and colon");
        }
        String name = text.substring(0, colon).strip().toLowerCase(Locale.ROOT);
        String value = text.substring(colon + 1).strip();
        anyHeader = true;
        continued = values.putIfAbsent(name, value) == null ? name : null;
        return true;
    }

    /** The value of a header by its lower-cased name; of repeated headers, the first. */
    String get(String name) {
        return values.get(name);
    }
}
