package dev.sis.http;

import dev.sis.metrics.SisMetrics;
import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * One timer sample per request, and the request id that ties its access-log line ({@link
 * AccessLog}) to the client ({@code X-Request-Id}: the client's own when it sent a sane one,
 * else a new one).
 *
 * <p>Every label value is from a set fixed by the server, never the client's own text: the
 * route's template, one of the standard methods or {@code OTHER}, the status answered. Requests
 * are counted and timed by route, method and status ({@code http_server_requests_seconds}:
 * count, sum, max); their durations' distribution is by route alone, in the few buckets of
 * {@link SisMetrics#DURATION_BUCKETS} ({@code http_server_latency_seconds}), which keeps
 * {@code /metrics} small however many combinations clients try.
 *
 * <p>On the hot path of every request: meters are looked up once per label set (Micrometer's
 * builder allocates and hashes its tags on every {@code register}), and new ids come from a
 * non-blocking random source (an id is not a secret; {@link UUID#randomUUID()} takes a lock on
 * the system's secure random).
 */
final class RequestLog {
    static final String REQUEST_ID = "X-Request-Id";
    private static final Pattern SANE_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final String UNMATCHED = "unmatched";
    /** The methods of RFC 9110 and PATCH; any other is counted as {@link #OTHER_METHOD}. */
    private static final Set<String> KNOWN_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS",
            "PATCH", "TRACE", "CONNECT");
    static final String OTHER_METHOD = "OTHER";

    private final MeterRegistry meters;
    private final ConcurrentHashMap<TimerKey, Timer> timers = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Timer> latencies = new ConcurrentHashMap<>();

    private record TimerKey(String route, String method, int status) {
    }

    RequestLog(MeterRegistry meters) {
        this.meters = meters;
    }

    /** Before every request: gives it an id, echoed in the answer. */
    void assignId(Context ctx) {
        ctx.header(REQUEST_ID, idFor(ctx.header(REQUEST_ID)));
    }

    /** The id of a request: the client's own when it sent a sane one, else a new one. */
    static String idFor(String given) {
        return given != null && SANE_ID.matcher(given).matches() ? given : newId();
    }

    /** After every request (Javalin's request logger): the timer sample. */
    void record(Context ctx, Float millis) {
        record(route(ctx), ctx.method().name(), ctx.statusCode(), millis);
    }

    /**
     * The timer sample of one request.
     *
     * @param route the route's template, never the raw path
     */
    void record(String route, String method, int status, float millis) {
        long nanos = (long) (millis * 1_000_000L);
        timers.computeIfAbsent(new TimerKey(route, knownMethod(method), status), this::timer)
                .record(nanos, TimeUnit.NANOSECONDS);
        latencies.computeIfAbsent(route, this::latency).record(nanos, TimeUnit.NANOSECONDS);
    }

    private Timer timer(TimerKey key) {
        return Timer.builder("http.server.requests")
                .description("HTTP requests by route, method and status")
                .tag("route", key.route())
                .tag("method", key.method())
                .tag("status", Integer.toString(key.status()))
                .register(meters);
    }

    private Timer latency(String route) {
        return Timer.builder("http.server.latency")
                .description("HTTP request durations by route, in service-level buckets")
                .tag("route", route)
                .serviceLevelObjectives(SisMetrics.DURATION_BUCKETS)
                .register(meters);
    }

    /** The method as a label value: one of {@link #KNOWN_METHODS}, else {@link #OTHER_METHOD}. */
    static String knownMethod(String method) {
        return KNOWN_METHODS.contains(method) ? method : OTHER_METHOD;
    }

    /** {@code millis} with one decimal, as {@code String.format("%.1f")} would write it, without a Formatter. */
    static String tenths(float millis) {
        long tenths = Math.round(millis * 10.0);
        return (tenths / 10) + "." + (tenths % 10);
    }

    /** A random (version 4) UUID from a fast source: unique enough to find a request in the logs. */
    static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & ~(3L << 62)) | (1L << 63);
        return new UUID(high, low).toString();
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
