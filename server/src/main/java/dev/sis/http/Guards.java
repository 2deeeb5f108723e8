package dev.sis.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;

/** Wraps handlers so that their failures are answered in one of {@link ErrorAnswers}' styles. */
final class Guards {
    private Guards() {
    }

    /** Failures become /v1's JSON errors. */
    static Handler json(Handler handler) {
        return ctx -> {
            try {
                handler.handle(ctx);
            } catch (Exception e) {
                ErrorAnswers.json(ctx, e);
            }
        };
    }

    /** Failures become sis 2.0's download answers (an empty 404, mostly). */
    static Handler legacyDownload(Handler handler) {
        return ctx -> {
            try {
                handler.handle(ctx);
            } catch (Exception e) {
                ErrorAnswers.legacyDownload(ctx, e);
            }
        };
    }

    /** Registers {@code handler} for GET and HEAD (HEAD answers carry no body). */
    static void getAndHead(RoutesConfig routes, String path, Handler handler) {
        routes.get(path, handler);
        routes.head(path, handler);
    }
}
