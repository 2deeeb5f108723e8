package dev.sis.http;

import dev.sis.metrics.SisMetrics;
import dev.sis.service.ImageService;
import dev.sis.service.Readiness;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.micrometer.core.instrument.Gauge;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * Operations routes: liveness ({@code /healthz}: the process answers), readiness
 * ({@code /readyz}: this process can serve, see {@link Readiness}; {@code /readyz?upstream}: the
 * store itself answers, which for an agent is its server), {@code /metrics} (Prometheus text
 * format) and the OpenAPI document of the /v1 API ({@code /openapi.json}). Both readiness
 * answers name the image engine in use. While the start-up warm-up runs, {@code /readyz} says
 * 503 with {@code "starting": "warming up"}: a load balancer waits, a user's request is answered.
 */
final class HealthRoutes {
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private final ImageService service;
    private final SisMetrics metrics;
    private final byte[] openApi;
    private final AtomicReference<Boolean> lastUpstreamCheck = new AtomicReference<>();
    private final BooleanSupplier warmingUp;

    HealthRoutes(ImageService service, SisMetrics metrics, BooleanSupplier warmingUp) {
        this.service = service;
        this.warmingUp = warmingUp;
        this.metrics = metrics;
        this.openApi = Resources.read("/openapi.json");
        if (service.filesKeptUpstream()) {
            // The verdict of the last readiness check, not a check of its own: a scrape must not
            // add requests (nor upstream errors) to the server's.
            Gauge.builder("sis.upstream.up", lastUpstreamCheck, last -> last.get() == null ? Double.NaN : last.get() ? 1 : 0)
                    .description("1 if the upstream sis server answered the last /readyz check, 0 if not; NaN before the first")
                    .register(metrics.registry());
        }
    }

    void register(RoutesConfig routes) {
        routes.get("/healthz", ctx -> ctx.contentType("application/json").result(Json.write(Map.of("status", "ok"))));
        routes.get("/readyz", this::readiness);
        routes.get("/metrics", ctx -> ctx.contentType(PROMETHEUS_TEXT).result(metrics.scrape()));
        routes.get("/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
    }

    private void readiness(Context ctx) {
        Readiness readiness = service.readiness();
        if (readiness.upstream()) {
            lastUpstreamCheck.set(readiness.storeReady());
        }
        boolean upstreamOnly = ctx.queryParamMap().containsKey("upstream");
        boolean warming = !upstreamOnly && warmingUp.getAsBoolean();
        boolean ready = upstreamOnly ? readiness.storeReady() : readiness.ready() && !warming;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", ready ? "ready" : "unavailable");
        if (warming) {
            body.put("starting", "warming up");
        }
        body.put("store", readiness.storeReady() ? "ok" : "not reachable or not writable");
        if (readiness.upstream()) {
            body.put("upstream", readiness.storeReady() ? "up" : "down");
        }
        if (readiness.servingFromCacheOnly()) {
            body.put("serving", "cached images only: uploads and other reads fail until the upstream server is back");
        }
        body.put("imageEngine", service.imageEngine());
        ctx.status(ready ? 200 : 503).contentType("application/json").result(Json.write(body));
    }
}
