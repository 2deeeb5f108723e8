package dev.sis.http;

import io.javalin.config.RoutesConfig;

/** The upload page at {@code /}: sis 2.0's multi-file picker that posts to {@code up}, served from the jar. */
final class UploadPage {
    private static final String RESOURCE = "/web/index.html";
    private static final String CSP = "default-src 'self'; img-src 'self' blob: data:; style-src 'self' 'unsafe-inline'; "
            + "script-src 'self' 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    private final byte[] html;

    UploadPage() {
        html = Resources.read(RESOURCE);
    }

    void register(RoutesConfig routes) {
        routes.get("/", ctx -> ctx.contentType("text/html; charset=utf-8")
                .header("Content-Security-Policy", CSP)
                .header("Cache-Control", "no-cache")
                .result(html));
    }
}
