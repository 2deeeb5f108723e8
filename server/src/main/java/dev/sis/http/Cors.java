package dev.sis.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Set;

/**
 * Cross-origin access for the configured origins ({@code --cors-origins}): to /v1, none by
 * default; to the legacy upload routes, any origin by default (sis 2.0's pages rely on it),
 * and only the configured ones once origins are configured.
 */
final class Cors {
    private static final String ALLOWED_METHODS = "GET, HEAD, POST, PUT, DELETE";
    private static final String ALLOWED_HEADERS = "Authorization, Content-Type, Range, If-None-Match, X-Request-Id";
    private static final String EXPOSED_HEADERS = "ETag, Content-Length, Content-Range, X-Request-Id";
    private static final String LEGACY_UPLOAD_HEADERS = "Authorization, Content-Type, X-Request-Id";

    private final Set<String> origins;

    Cors(Set<String> origins) {
        this.origins = Set.copyOf(origins);
    }

    void register(RoutesConfig routes) {
        if (origins.isEmpty()) {
            return;
        }
        routes.before("/v1/*", this::allowOrigin);
        routes.options("/v1/*", ctx -> {
            if (allowOrigin(ctx)) {
                ctx.header("Access-Control-Allow-Methods", ALLOWED_METHODS);
                ctx.header("Access-Control-Allow-Headers", ALLOWED_HEADERS);
                ctx.header("Access-Control-Max-Age", "600");
            }
            ctx.status(204);
        });
    }

    /** The legacy upload routes' CORS header: {@code *} unless origins are configured. */
    void allowLegacyUpload(Context ctx) {
        if (origins.isEmpty()) {
            ctx.header("Access-Control-Allow-Origin", "*");
        } else {
            allowOrigin(ctx);
        }
    }

    /**
     * The answer to a preflight of a legacy upload route: sis 2.0's own header (the singular
     * {@code Access-Control-Allow-Method}, which its clients may read), then the standard ones a
     * browser needs to send an upload token ({@code Authorization}) from a page on another site.
     */
    void answerLegacyPreflight(Context ctx) {
        allowLegacyUpload(ctx);
        ctx.header("Access-Control-Allow-Method", "POST");
        ctx.header("Access-Control-Allow-Methods", "POST");
        ctx.header("Access-Control-Allow-Headers", LEGACY_UPLOAD_HEADERS);
        ctx.status(204);
    }

    private boolean allowOrigin(Context ctx) {
        String origin = ctx.header("Origin");
        ctx.header("Vary", "Origin");
        if (origin == null || !(origins.contains("*") || origins.contains(origin))) {
            return false;
        }
        ctx.header("Access-Control-Allow-Origin", origins.contains("*") ? "*" : origin);
        ctx.header("Access-Control-Expose-Headers", EXPOSED_HEADERS);
        return true;
    }
}
