package dev.sis.http;

/**
 * One byte range of a {@code Range: bytes=…} header (RFC 9110 §14), resolved against the
 * representation's size. Multi-range requests are answered with the whole file (allowed by
 * the RFC), so only single ranges are parsed.
 *
 * <p>Kept rather than Jetty's {@code org.eclipse.jetty.http.ByteRange.parse}, which returns one
 * empty list both for a range wholly outside the file and for a header it cannot read (Jetty's
 * ResourceService answers both with 416), accepts signs ({@code bytes=+5-}) and a lower-case
 * unit only, and merges several ranges. RFC 9110 §14.2 asks that an invalid {@code Range} be
 * ignored (200 with the whole file) and only an unsatisfiable one get 416; the download tests
 * pin that, so an adapter would have had to re-check everything this class checks.
 */
record ByteRange(long first, long last) {
    /** The range asked for lies wholly outside the file: 416. */
    static final ByteRange UNSATISFIABLE = new ByteRange(-1, -1);

    long length() {
        return last - first + 1;
    }

    /**
     * @return the range, {@link #UNSATISFIABLE}, or {@code null} when the header is not a
     *         single valid byte range and must be ignored (answer 200 with the whole file)
     */
    static ByteRange parse(String header, long size) {
        String value = header.trim();
        if (!value.regionMatches(true, 0, "bytes=", 0, 6)) {
            return null;
        }
        String spec = value.substring(6).trim();
        if (spec.contains(",")) {
            return null;
        }
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return null;
        }
        String start = spec.substring(0, dash).trim();
        String end = spec.substring(dash + 1).trim();
        try {
            if (start.isEmpty()) {
                long suffix = parseDigits(end);
                if (suffix == 0) {
                    return UNSATISFIABLE;
                }
                return size == 0 ? UNSATISFIABLE : new ByteRange(Math.max(0, size - suffix), size - 1);
            }
            long first = parseDigits(start);
            long last = end.isEmpty() ? Long.MAX_VALUE : parseDigits(end);
            if (last < first) {
                return null;
            }
            if (first >= size) {
                return UNSATISFIABLE;
            }
            return new ByteRange(first, Math.min(last, size - 1));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static long parseDigits(String digits) {
        if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new NumberFormatException(digits);
        }
        return Long.parseLong(digits);
    }
}
