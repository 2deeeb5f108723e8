package dev.sis.http;

import dev.sis.service.ImageContent;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.PreEncodedHttpField;

/**
 * The headers of an image answer: strong {@code ETag}, caching forever (stored bytes never
 * change), {@code Accept-Ranges} and the real {@code Content-Type}. One builder for the routes
 * ({@link ImageResponder}, on the servlet response) and {@link CachedReads} (on Jetty's fields,
 * with the constant ones pre-encoded for its hot path), so that both answer alike.
 */
final class ImageHeaders {
    static final String CACHE_FOREVER = "public, max-age=31536000, immutable";
    private static final String OCTET_STREAM = "application/octet-stream";
    private static final HttpField CACHE_CONTROL = new PreEncodedHttpField(HttpHeader.CACHE_CONTROL, CACHE_FOREVER);
    private static final HttpField ACCEPT_RANGES = new PreEncodedHttpField(HttpHeader.ACCEPT_RANGES, "bytes");

    private ImageHeaders() {
    }

    /** {@code tag} as an {@code ETag} header's strong validator. */
    static String quoted(String tag) {
        return "\"" + tag + "\"";
    }

    static String contentType(ImageContent content) {
        return content.format() == null ? OCTET_STREAM : content.format().mediaType();
    }

    /** Adds the headers to a servlet response (the routes), in the order CachedReads adds them. */
    static void addTo(HttpServletResponse res, ImageContent content) {
        res.addHeader(HttpHeader.ETAG.asString(), quoted(content.etag()));
        res.addHeader(CACHE_CONTROL.getName(), CACHE_FOREVER);
        res.addHeader(ACCEPT_RANGES.getName(), ACCEPT_RANGES.getValue());
        res.setContentType(contentType(content));
    }

    /**
     * The same headers and the {@code Content-Length}, encoded once for a cached entry and then
     * added as they are to every answer with it (CachedReads): the HTTP/1 writer copies a
     * pre-encoded field's bytes instead of encoding its name and value each time.
     */
    static HttpField[] encoded(ImageContent content) {
        long length = content.file().size();
        return new HttpField[] {
            new PreEncodedHttpField(HttpHeader.ETAG, quoted(content.etag())),
            CACHE_CONTROL,
            ACCEPT_RANGES,
            new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, contentType(content)),
            new HttpField.LongValueHttpField(HttpHeader.CONTENT_LENGTH, HttpHeader.CONTENT_LENGTH.asString(),
                    Long.toString(length), length),
        };
    }

    /**
     * The headers of a {@code 304} for a client that has the bytes tagged {@code tag}: the
     * validator and the caching header, as RFC 9110 §15.4.5 asks.
     */
    static void addNotModified(HttpServletResponse res, String tag) {
        res.addHeader(HttpHeader.ETAG.asString(), quoted(tag));
        res.addHeader(CACHE_CONTROL.getName(), CACHE_FOREVER);
    }
}
