package dev.sis.http.multipart;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Reads a part's header section, up to and including the blank line that ends it. */
final class PartHeaders {
    private PartHeaders() {
    }

    /**
     * Reads header lines ending in CRLF or bare LF. Bytes are decoded as UTF-8, because
     * browsers put raw UTF-8 file names in quoted strings; invalid bytes become U+FFFD.
     * Continuation lines (starting with space or tab) are joined to the header before them.
     *
     * @param maxBytes bytes the whole section may take, line endings included
     * @return values by lower-cased header name; of repeated headers, the first
     */
    static Map<String, String> read(BodyBuffer body, int maxBytes) throws IOException {
        String tooLong = "a part's headers are longer than the limit";
        Map<String, String> headers = new HashMap<>();
        boolean anyHeader = false;
        String continued = null; // header a continuation line extends; null after a dropped repeat
        int remaining = maxBytes;
        while (true) {
            BodyBuffer.Line line = body.readLine(remaining, tooLong);
            if (line == null || line.ending() == BodyBuffer.Ending.EOF) {
                throw new MalformedMultipartException("the body ends inside a part's headers");
            }
            remaining -= line.size();
            if (line.bytes().length == 0) {
                return headers;
            }
            String text = new String(line.bytes(), StandardCharsets.UTF_8);
            if (text.charAt(0) == ' ' || text.charAt(0) == '\t') {
                if (!anyHeader) {
                    throw new MalformedMultipartException("a part's headers start with a continuation line");
                }
                if (continued != null) {
                    headers.merge(continued, text.strip(), (value, more) -> value + " " + more);
                }
                continue;
            }
            int colon = text.indexOf(':');
            if (colon <= 0) {
                throw new MalformedMultipartException("a part header line has no name and colon");
            }
            String name = text.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = text.substring(colon + 1).strip();
            anyHeader = true;
            continued = headers.putIfAbsent(name, value) == null ? name : null;
        }
    }
}
