package dev.sis.http;

import dev.sis.service.ImageService;
import io.javalin.config.RoutesConfig;
import java.util.Map;

/** Liveness ({@code /healthz}: the process answers) and readiness ({@code /readyz}: the store can serve). */
final class HealthRoutes {
    private final ImageService service;

    HealthRoutes(ImageService service) {
        this.service = service;
    }

    void register(RoutesConfig routes) {
        routes.get("/healthz", ctx -> ctx.contentType("application/json").result(Json.write(Map.of("status", "ok"))));
        routes.get("/readyz", ctx -> {
            boolean ready = service.isReady();
            ctx.status(ready ? 200 : 503).contentType("application/json")
                    .result(Json.write(Map.of("status", ready ? "ready" : "unavailable",
                            "store", ready ? "ok" : "not writable")));
        });
    }
}
