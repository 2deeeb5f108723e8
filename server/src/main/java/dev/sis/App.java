package dev.sis;

import dev.sis.cache.ImageCache;
import dev.sis.cache.ImageCaches;
import dev.sis.config.SecurityConfig;
import dev.sis.config.SisConfig;
import dev.sis.config.StoreConfig;
import dev.sis.http.HttpServer;
import dev.sis.image.ImageEngine;
import dev.sis.image.ImageEngines;
import dev.sis.metrics.SisMetrics;
import dev.sis.image.DecodeGate;
import dev.sis.service.ImageService;
import dev.sis.storage.ExistenceMemory;
import dev.sis.storage.ImageStore;
import dev.sis.storage.budget.VariantBudgetStore;
import dev.sis.storage.local.LocalImageStore;
import dev.sis.storage.remote.UpstreamStores;
import dev.sis.storage.s3.S3Credentials;
import dev.sis.storage.s3.S3ImageStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the application from its configuration in one explicit place, with plain
 * constructors, and runs it until {@link #close()}.
 *
 * <p>It touches nothing process-wide: no shutdown hook, no logging set-up, no system property,
 * so that several can run in one JVM, one after another or at once. What belongs to the
 * process ({@code java -jar}: shutdown signals, the log format, routing {@code java.util.logging})
 * is {@link Main}'s. The public face for embedding is {@link SisServer}.
 */
public final class App implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(App.class);
    /** How long a request may wait in the decode queue before it is told to retry. */
    private static final Duration MAX_DECODE_WAIT = Duration.ofSeconds(30);

    private final ImageService service;
    private final ImageEngine engine;
    private final DecodeGate decodeGate;
    private final HttpServer http;
    private final SisMetrics metrics;
    private final ImageStore store;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicBoolean closing = new AtomicBoolean();
    /** Whether this instance logs its start and stop: not the warm-up's private one. */
    private final boolean announce;
    /** The start-up warm-up while it may still run; set once, right after the start. */
    private volatile WarmUp warmUp;

    private App(ImageService service, ImageEngine engine, DecodeGate decodeGate, HttpServer http, SisMetrics metrics,
            ImageStore store, boolean announce) {
        this.store = store;
        this.service = service;
        this.engine = engine;
        this.announce = announce;
        this.decodeGate = decodeGate;
        this.http = http;
        this.metrics = metrics;
    }

    /**
     * Builds every component from {@code config} and starts serving. Returns once the port is
     * bound; the start-up warm-up, when the configuration asks for one, then runs on a thread of
     * its own ({@link WarmUp}) and {@code /readyz} says 503 until it is over. When any step fails,
     * what the earlier steps opened (the metrics' JVM listeners, the store's clients) is closed
     * before the exception leaves, so a failed start leaks nothing.
     */
    public static App start(SisConfig config) {
        App app = open(config, null, true);
        if (config.server().warmUp().isPositive()) {
            app.warmUp = WarmUp.start(config, app.engine, app.http::warmedUp);
        }
        return app;
    }

    /**
     * The warm-up's private instance: {@code config} as {@link WarmUp} makes it, over the real
     * server's engine (libvips is loaded once; the choice it made is kept), without the start-up
     * block or the stop lines in the log.
     */
    static App startPrivate(SisConfig config, ImageEngine engine) {
        return open(config, engine, false);
    }

    private static App open(SisConfig config, ImageEngine givenEngine, boolean announce) {
        SisMetrics metrics = new SisMetrics();
        ImageStore store = null;
        DecodeGate gate = null;
        try {
            store = openStore(config.store(), config.security(), metrics);
            ImageCache cache = ImageCaches.create(config.cache());
            gate = new DecodeGate(config.image().maxDecodes(), config.image().decodeMemoryBytes(),
                    config.image().maxQueuedDecodes(), MAX_DECODE_WAIT);
            metrics.bindCache(cache);
            metrics.bindDecodeGate(gate);
            ImageEngine engine = givenEngine != null ? givenEngine
                    : ImageEngines.create(config.imageEngine(), config.image(), config.features().watermark());
            ImageService service = new ImageService(store, cache, engine, gate, config.upload(), metrics.registry());
            HttpServer http = HttpServer.start(config.server(), service, config.upload(), config.image(),
                    config.security(), config.logFormat(), metrics, config.features());
            App app = new App(service, engine, gate, http, metrics, store, announce);
            if (announce) {
                StartupLog.print(LOG, config, store, engine, http.port());
            }
            return app;
        } catch (RuntimeException | Error e) {
            if (gate != null) {
                gate.close();
            }
            metrics.close();
            if (store instanceof AutoCloseable client) {
                closeQuietly(client);
            }
            throw e;
        }
    }

    private static ImageStore openStore(StoreConfig config, SecurityConfig security, SisMetrics metrics) {
        try {
            return switch (config) {
                case StoreConfig.Local local -> VariantBudgetStore.open(LocalImageStore.open(local.dataDir()),
                        local.maxVariantBytes(), metrics.registry());
                // An agent keeps no variant of its own: its server stores them, within the server's budget.
                case StoreConfig.Agent agent -> UpstreamStores.open(agent.upstream(), security.internalToken(),
                        metrics.registry(), InstantSource.system());
                case StoreConfig.S3 bucket -> {
                    S3ImageStore s3 = S3ImageStore.open(bucket.s3(), S3Credentials.required(bucket.s3().location()),
                            metrics.registry());
                    yield new ExistenceMemory(VariantBudgetStore.open(s3, bucket.maxVariantBytes(), metrics.registry()),
                            InstantSource.system(), S3ImageStore::serverSilent, null);
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the store: " + cause(e), e);
        }
    }

    /** The JDK's message of a file-system error is often the path alone: add what went wrong. */
    private static String cause(IOException e) {
        if (e instanceof java.nio.file.FileSystemException fs && fs.getReason() == null) {
            String kind = e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                    : e.getClass().getSimpleName();
            return fs.getMessage() + " (" + kind + ")";
        }
        return String.valueOf(e.getMessage());
    }

    private static void closeQuietly(AutoCloseable client) {
        try {
            client.close();
        } catch (Exception e) {
            LOG.warn("could not close the store's client: {}", e.toString());
        }
    }

    /** The port actually bound (useful when the configured port is 0). */
    public int port() {
        return http.port();
    }

    /** The core service, for embedding and tests. */
    public ImageService service() {
        return service;
    }

    /** Memory-cache hits so far: the warm-up reports how many of its reads were hits. */
    long cacheHits() {
        var hits = metrics.registry().find("sis.cache.hits").functionCounter();
        return hits == null ? 0 : (long) hits.count();
    }

    /** The gate that admits decodes, for embedding and tests (a test may hold its slots). */
    public DecodeGate decodeGate() {
        return decodeGate;
    }

    /** Every HTTP route served, as {@code METHOD /path/{param}}. */
    public java.util.List<String> routes() {
        return http.routes();
    }

    /** Whether Jetty answers on the thread that parsed each request (see {@link HttpServer#answersWhereParsed}). */
    public boolean answersWhereParsed() {
        return http.answersWhereParsed();
    }

    /** Blocks until the server has stopped (after {@link #close()}). */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    private void awaitStopUninterruptibly() {
        boolean interrupted = false;
        while (stopped.getCount() > 0) {
            try {
                stopped.await();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether {@link #close()} has finished. */
    public boolean isStopped() {
        return stopped.getCount() == 0;
    }

    /**
     * Stops gracefully: in-flight requests finish (up to the shutdown timeout), then resources
     * close. Idempotent: a second call, even from another thread at the same time, returns once
     * the first has finished.
     */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            awaitStopUninterruptibly();
            return;
        }
        try {
            WarmUp running = warmUp;
            if (running != null) {
                running.close(); // a stop during the warm-up ends it, and its private instance, first
            }
            if (announce) {
                LOG.info("sis stopping: finishing in-flight requests");
            }
            http.close();
            service.close(); // variants still being stored reach the store before it closes
            decodeGate.close();
            metrics.close();
            if (store instanceof AutoCloseable client) {
                closeQuietly(client);
            }
            if (announce) {
                LOG.info("sis stopped");
            }
        } finally {
            stopped.countDown();
        }
    }
}
