package dev.sis.http;

import io.javalin.http.Context;

/**
 * Request parameters as sis 2.0 read them (Go's {@code Request.FormValue}): from a urlencoded
 * form body first, else from the URL query.
 */
final class Params {
    private Params() {
    }

    static String get(Context ctx, String name) {
        String contentType = ctx.header("Content-Type");
        if (contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            String fromBody = ctx.formParam(name);
            if (fromBody != null) {
                return fromBody;
            }
        }
        return ctx.queryParam(name);
    }
}
