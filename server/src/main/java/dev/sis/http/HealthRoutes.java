package dev.sis.http;

import dev.sis.metrics.SisMetrics;
import dev.sis.service.ImageService;
import io.javalin.config.RoutesConfig;
import java.util.Map;

/**
 * Operations routes: liveness ({@code /healthz}: the process answers), readiness
 * ({@code /readyz}: the store can serve; it also names the image engine in use), {@code /metrics} (Prometheus text format) and the
 * OpenAPI document of the /v1 API ({@code /openapi.json}).
 */
final class HealthRoutes {
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private final ImageService service;
    private final SisMetrics metrics;
    private final byte[] openApi;

    HealthRoutes(ImageService service, SisMetrics metrics) {
        this.service = service;
        this.metrics = metrics;
        this.openApi = Resources.read("/openapi.json");
    }

    void register(RoutesConfig routes) {
        routes.get("/healthz", ctx -> ctx.contentType("application/json").result(Json.write(Map.of("status", "ok"))));
        routes.get("/readyz", ctx -> {
            boolean ready = service.isReady();
            ctx.status(ready ? 200 : 503).contentType("application/json")
                    .result(Json.write(Map.of("status", ready ? "ready" : "unavailable",
                            "store", ready ? "ok" : "not reachable or not writable",
                            "imageEngine", service.imageEngine())));
        });
        routes.get("/metrics", ctx -> ctx.contentType(PROMETHEUS_TEXT).result(metrics.scrape()));
        routes.get("/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
    }
}
