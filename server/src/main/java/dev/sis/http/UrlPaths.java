package dev.sis.http;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Builds URL paths from stored names. */
final class UrlPaths {
    private UrlPaths() {
    }

    /** Percent-encodes one path segment (a space becomes %20, not +). */
    static String encodeSegment(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
