package dev.sis.http;

import dev.sis.errors.ForbiddenException;
import dev.sis.errors.InvalidInputException;
import dev.sis.errors.InvalidNameException;
import dev.sis.errors.NotFoundException;
import dev.sis.errors.OutOfSpaceException;
import dev.sis.errors.OverBudgetException;
import dev.sis.errors.OverloadedException;
import dev.sis.errors.RequestTimeoutException;
import dev.sis.errors.SisException;
import dev.sis.errors.StoreFailedException;
import dev.sis.errors.TooLargeException;
import dev.sis.errors.UnauthorizedException;
import dev.sis.errors.UnsupportedImageException;
import dev.sis.errors.UpstreamException;
import dev.sis.service.StoreFailures;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become answers, in the three styles sis speaks: the legacy
 * upload routes' fixed Chinese texts, the legacy download routes' empty 404, and /v1's JSON.
 * Unexpected exceptions are logged and answered with a generic 500: no internal detail leaks.
 */
final class ErrorAnswers {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorAnswers.class);

    static final String LEGACY_TOO_LARGE = "上传文件超出50M限制";
    static final String LEGACY_BAD_NAME = "文件名长度超出50字节限制";
    static final String LEGACY_BAD_REQUEST = "不要乱来";
    static final String LEGACY_STORE_FAILED = "创建文件失败";

    /** Marks a context whose error answer is final, so Javalin's status-code mappers leave it alone. */
    static final String ANSWERED = "sis.answered";

    private ErrorAnswers() {
    }

    /** sis 2.0's {@code /up} answers. */
    static void legacyUpload(Context ctx, Exception failure) {
        SisException e = known(failure);
        switch (e) {
            case TooLargeException tooLarge -> legacyText(ctx, 413, LEGACY_TOO_LARGE);
            case InvalidNameException badName -> legacyText(ctx, 413, LEGACY_BAD_NAME);
            case StoreFailedException failed -> legacyText(ctx, 500, LEGACY_STORE_FAILED);
            case OutOfSpaceException full -> legacyText(ctx, 500, LEGACY_STORE_FAILED);
            case OverloadedException busy -> legacyOverloaded(ctx, busy);
            case InvalidInputException bad -> legacyText(ctx, 400, LEGACY_BAD_REQUEST);
            case RequestTimeoutException slow -> legacyText(ctx, 408, LEGACY_BAD_REQUEST);
            case UnsupportedImageException bad -> legacyText(ctx, 400, LEGACY_BAD_REQUEST);
            case NotFoundException bad -> legacyText(ctx, 400, LEGACY_BAD_REQUEST);
            case OverBudgetException bad -> legacyText(ctx, 400, LEGACY_BAD_REQUEST);
            case UpstreamException upstream -> legacyText(ctx, upstream.status(), LEGACY_STORE_FAILED);
            case UnauthorizedException denied -> {
                ctx.header("WWW-Authenticate", "Bearer");
                legacyText(ctx, 401, denied.publicMessage());
            }
            case ForbiddenException denied -> legacyText(ctx, 403, denied.publicMessage());
        }
    }

    /** sis 2.0's {@code /derect_up} answers: a name problem is a bad request there. */
    static void legacyDirectUpload(Context ctx, Exception failure) {
        SisException e = known(failure);
        if (e instanceof InvalidNameException) {
            legacyText(ctx, 400, LEGACY_BAD_REQUEST);
        } else {
            legacyUpload(ctx, e);
        }
    }

    /** sis 2.0's download answers: 404 with an empty body for anything the client asked wrong. */
    static void legacyDownload(Context ctx, Exception failure) {
        SisException e = known(failure);
        switch (e) {
            case OverloadedException busy -> legacyOverloaded(ctx, busy);
            case StoreFailedException failed -> empty(ctx, 500);
            case OutOfSpaceException full -> empty(ctx, 500);
            case UpstreamException upstream -> empty(ctx, upstream.status());
            default -> empty(ctx, 404);
        }
    }

    /** /v1's JSON answer: {@code {"status": 400, "error": "…"}}. */
    static void json(Context ctx, Exception failure) {
        SisException e = known(failure);
        if (e instanceof UnauthorizedException) {
            ctx.header("WWW-Authenticate", "Bearer");
        }
        if (e instanceof OverloadedException busy) {
            ctx.header("Retry-After", Integer.toString(busy.retryAfterSeconds()));
        }
        json(ctx, e.status(), e.publicMessage());
    }

    static void json(Context ctx, int status, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("error", message);
        ctx.attribute(ANSWERED, true);
        ctx.status(status).contentType("application/json").result(Json.write(body));
    }

    static void legacyText(Context ctx, int status, String text) {
        ctx.attribute(ANSWERED, true);
        ctx.status(status).contentType("text/plain; charset=utf-8").result(text.getBytes(StandardCharsets.UTF_8));
    }

    private static void legacyOverloaded(Context ctx, OverloadedException busy) {
        ctx.header("Retry-After", Integer.toString(busy.retryAfterSeconds()));
        empty(ctx, 503);
    }

    private static void empty(Context ctx, int status) {
        ctx.attribute(ANSWERED, true);
        ctx.status(status).result(new byte[0]);
    }

    /** A known failure as is; anything else is logged and becomes a generic store-side 500. */
    private static SisException known(Exception failure) {
        if (failure instanceof SisException e) {
            return e;
        }
        UpstreamException remote = StoreFailures.remoteFailure(failure); // a store's stream read unchecked
        if (remote != null) {
            return remote;
        }
        if (failure instanceof io.javalin.http.HttpResponseException javalin && javalin.getStatus() < 500) {
            // Javalin's own refusals of client input (a form body over its size limit, …).
            return javalin.getStatus() == 413
                    ? new TooLargeException("the request body is too large")
                    : new InvalidInputException("the request is malformed");
        }
        LOG.error("unexpected failure", failure);
        return new StoreFailedException("internal error", failure);
    }
}
