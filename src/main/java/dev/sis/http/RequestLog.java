package dev.sis.http;

import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One access-log line and one timer sample per request, and the request id that ties them to
 * the client ({@code X-Request-Id}: the client's own when it sent a sane one, else a new one).
 * The logged path has no query string, so tokens and signatures never reach a log.
 */
final class RequestLog {
    static final String REQUEST_ID = "X-Request-Id";
    private static final Logger ACCESS = LoggerFactory.getLogger("sis.access");
    private static final Pattern SANE_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final String UNMATCHED = "unmatched";

    private final MeterRegistry meters;

    RequestLog(MeterRegistry meters) {
        this.meters = meters;
    }

    /** Before every request: gives it an id, echoed in the answer. */
    void assignId(Context ctx) {
        String given = ctx.header(REQUEST_ID);
        String id = given != null && SANE_ID.matcher(given).matches() ? given : UUID.randomUUID().toString();
        ctx.header(REQUEST_ID, id);
    }

    /** After every request (Javalin's request logger): the log line and the timer sample. */
    void record(Context ctx, Float millis) {
        String route = route(ctx);
        int status = ctx.statusCode();
        Timer.builder("http.server.requests")
                .description("HTTP requests by route, method and status")
                .tag("route", route)
                .tag("method", ctx.method().name())
                .tag("status", Integer.toString(status))
                .publishPercentileHistogram()
                .register(meters)
                .record((long) (millis * 1_000_000L), TimeUnit.NANOSECONDS);
        if (ACCESS.isInfoEnabled()) {
            String length = ctx.res().getHeader("Content-Length");
            ACCESS.info("{} {} {} {} {}ms id={}", ctx.method().name(), ctx.path(), status,
                    length == null ? "-" : length, String.format("%.1f", millis), ctx.res().getHeader(REQUEST_ID));
        }
    }

    /** The route's template ({@code /v1/images/{md5}}), never the raw path: bounded tag values. */
    private static String route(Context ctx) {
        try {
            Endpoint endpoint = ctx.endpoint();
            return endpoint == null || endpoint.path.contains("*") ? UNMATCHED : endpoint.path;
        } catch (RuntimeException noEndpoint) {
            return UNMATCHED;
        }
    }
}
