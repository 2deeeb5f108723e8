package dev.sis.http;

import dev.sis.config.ImageLimits;
import dev.sis.config.SecurityConfig;
import dev.sis.config.SisConfig.LogFormat;
import dev.sis.config.ServerConfig;
import dev.sis.config.UploadLimits;
import dev.sis.security.AccessRules;
import dev.sis.security.BearerToken;
import dev.sis.security.UrlSigner;
import dev.sis.security.VariantPolicy;
import dev.sis.metrics.SisMetrics;
import dev.sis.service.ImageService;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.http.Context;
import io.javalin.util.JavalinBindException;
import org.slf4j.LoggerFactory;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.Invocable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The HTTP face of sis: Javalin on Jetty 12 with virtual threads, the legacy routes, /v1, the
 * health routes and the upload page with its static files. Before Javalin, Jetty handlers bound
 * what a client's connection may hold ({@link ConnectionGuard}: a header deadline and a cap on
 * connections; {@link MinimumBodyRate}: a pace for bodies). Stopping it drains in-flight
 * requests for up to the configured shutdown timeout.
 */
public final class HttpServer implements AutoCloseable {
    private final Javalin javalin;
    private final List<String> routes;
    private final AccessLog accessLog;
    private final AtomicBoolean warmingUp;

    private HttpServer(Javalin javalin, List<String> routes, AccessLog accessLog, AtomicBoolean warmingUp) {
        this.javalin = javalin;
        this.routes = routes;
        this.accessLog = accessLog;
        this.warmingUp = warmingUp;
    }

    /**
     * Builds and starts the server; returns once the port is bound. When {@code server} asks for
     * a warm-up, {@code /readyz} says 503 until {@link #warmedUp()}.
     */
    public static HttpServer start(ServerConfig server, ImageService service, UploadLimits uploadLimits,
                                   ImageLimits imageLimits, SecurityConfig security, LogFormat logFormat,
                                   SisMetrics metrics, dev.sis.config.VariantFeatures features) {
        // format=auto offers what --auto-formats names, each only when the engine can write it
        VariantParams variantParams = new VariantParams(imageLimits,
                imageLimits.autoFormats().stream().filter(service::canWrite).toList(), features);
        EagerPresets eager = new EagerPresets(service, features.presets(), variantParams,
                imageLimits.autoFormats().stream().filter(service::canWrite).toList());
        Uploads uploads = new Uploads(service, uploadLimits, eager);
        BearerToken internalToken = security.internalToken() == null ? null : new BearerToken(security.internalToken());
        boolean storeRoutesOff = internalToken == null && (security.uploadToken() != null || security.adminToken() != null);
        InternalRoutes internal = new InternalRoutes(service, uploadLimits, uploads, internalToken, storeRoutesOff);
        AccessRules access = new AccessRules(security);
        VariantPolicy policy = new VariantPolicy(security.sizes(),
                security.signingKey() == null ? null : new UrlSigner(security.signingKey()));
        Cors cors = new Cors(security.corsOrigins());
        LegacyRoutes legacy = new LegacyRoutes(service, uploadLimits, uploads, access, policy, cors);
        V1Routes v1 = new V1Routes(service, uploadLimits, uploads, variantParams, access, policy);
        AtomicBoolean warmingUp = new AtomicBoolean(server.warmUp().isPositive());
        HealthRoutes health = new HealthRoutes(service, metrics, warmingUp::get);
        RequestLog requestLog = new RequestLog(metrics.registry());
        WebAssets assets = new WebAssets();
        UploadPage page = new UploadPage(assets, access.uploadNeedsToken(), uploadLimits.maxRequestBytes(),
                imageLimits.maxDimension(), features.presetsOnly());
        ConnectionGuard guard = new ConnectionGuard(null, server.connections(), metrics.registry());
        AccessLog accessLog = AccessLog.open(server.accessLog(), logFormat);

        List<String> routes = new CopyOnWriteArrayList<>();
        Javalin javalin = Javalin.create(config -> {
            // Javalin's supported way to learn the routes (its router is reachable only through
            // javalin.unsafe): an event for each handler as it is added.
            config.events.handlerAdded(route -> routes.add(route.getHttpMethod().name() + " " + route.getPath()));
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            // The watcher is a non-daemon thread per instance that sleeps 5 s to warn about a
            // server never started: it would outlive a stopped or failed server and hold up the
            // JVM's exit, which matters when sis is embedded.
            config.startup.startupWatcherEnabled = false;
            config.concurrency.useVirtualThreads = true;
            config.http.compressionStrategy = CompressionStrategy.NONE;
            config.jetty.addConnector((jetty, http) -> guard.connector(jetty, http, server.host(), server.port()));
            config.jetty.modifyServer(jetty -> {
                // Javalin's servlet context goes inside the innermost wrapper: after CachedReads.
                guard.setHandler(new MinimumBodyRate(new DrainingConnections(new GracefulHandler(new CachedReads(service,
                        requestLog, security.sizes().isEmpty() && security.signingKey() == null,
                        !security.corsOrigins().isEmpty(), variantParams))),
                        server.connections().bodyTimeout(), server.connections().minBodyRate()));
                jetty.setHandler(guard);
                jetty.setRequestLog(accessLog);
                jetty.setStopTimeout(server.shutdownTimeout().toMillis());
            });
            config.routes.before(ctx -> {
                ctx.header("X-Content-Type-Options", "nosniff");
                requestLog.assignId(ctx);
            });
            config.requestLogger.http(requestLog::record);
            cors.register(config.routes);
            internal.register(config.routes);
            legacy.register(config.routes);
            v1.register(config.routes);
            health.register(config.routes);
            page.register(config.routes);
            assets.register(config.routes);
            config.routes.error(404, HttpServer::notFound);
            config.routes.exception(Exception.class, (e, ctx) -> ErrorAnswers.json(ctx, e));
        });
        try {
            javalin.start();
        } catch (RuntimeException e) {
            closeQuietly(accessLog);
            throw bindProblem(server, e);
        }
        return new HttpServer(javalin, routes, accessLog, warmingUp);
    }

    private static RuntimeException bindProblem(ServerConfig server, RuntimeException e) {
        if (e instanceof JavalinBindException) {
            // Jetty has stopped what it started. Javalin's message blames the port whatever the
            // cause; the JDK's names it ("Address already in use", "Cannot assign requested address").
            Throwable cause = e;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            return new IllegalStateException("cannot listen on " + server.host() + ":" + server.port() + ": "
                    + cause.getMessage(), e);
        }
        return e;
    }

    private static void closeQuietly(AccessLog accessLog) {
        if (accessLog == null) {
            return;
        }
        try {
            accessLog.close();
        } catch (Exception e) {
            LoggerFactory.getLogger(HttpServer.class).warn("closing the access log failed: {}", e.toString());
        }
    }

    /** Unknown routes: JSON under /v1, Go's plain text elsewhere; answers already made stay as they are. */
    private static void notFound(Context ctx) {
        if (Boolean.TRUE.equals(ctx.attribute(ErrorAnswers.ANSWERED))) {
            return;
        }
        if (ctx.path().startsWith("/v1/") || ctx.path().equals("/v1")) {
            ErrorAnswers.json(ctx, 404, "no such route: " + ctx.method() + " " + ctx.path());
        } else {
            ctx.contentType("text/plain; charset=utf-8").result("404 page not found\n");
        }
    }

    /** Every route served, as {@code METHOD /path/{param}}, for checks that the docs list them all. */
    public List<String> routes() {
        return List.copyOf(routes);
    }

    /**
     * Whether Jetty runs each request's handlers on the thread that parsed it, rather than on a
     * new thread: true only while every handler in its tree says it never blocks
     * ({@link CachedReads} hands the rest to virtual threads). A handler added without saying
     * so would quietly make every cached read pay a thread again.
     */
    public boolean answersWhereParsed() {
        return javalin.jettyServer().server().getInvocationType() == Invocable.InvocationType.NON_BLOCKING;
    }

    public int port() {
        return javalin.port();
    }

    /** The start-up warm-up is over (done, failed or stopped): {@code /readyz} answers as it always does. */
    public void warmedUp() {
        warmingUp.set(false);
    }

    /** Stops accepting connections, lets in-flight requests finish (up to the timeout), then stops. */
    @Override
    public void close() {
        try {
            javalin.stop();
        } catch (RuntimeException e) {
            if (!(e.getCause() instanceof java.util.concurrent.TimeoutException)) {
                throw e;
            }
            // Jetty stops anyway once the drain time is over; what was still open is cut.
            LoggerFactory.getLogger(HttpServer.class)
                    .warn("some requests or idle connections were still open when the shutdown timeout ran out");
        } finally {
            closeQuietly(accessLog);
        }
    }
}
