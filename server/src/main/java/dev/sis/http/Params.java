package dev.sis.http;

import dev.sis.errors.InvalidInputException;
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
            String fromBody = formParam(ctx, name);
            if (fromBody != null) {
                return fromBody;
            }
        }
        return ctx.queryParam(name);
    }

    /**
     * A form parameter; a body that cannot be read (cut short by the client) is the client's
     * fault. Javalin rethrows the body's IOException undeclared, hence the catch of Exception.
     */
    private static String formParam(Context ctx, String name) {
        try {
            return ctx.formParam(name);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception unreadable) {
            throw new InvalidInputException("the form body could not be read");
        }
    }
}
