package dev.sis;

import dev.sis.config.AccessLogConfig;
import dev.sis.config.AccessLogTarget;
import dev.sis.config.CacheConfig;
import dev.sis.config.ConnectionLimits;
import dev.sis.config.SecurityConfig;
import dev.sis.config.ServerConfig;
import dev.sis.config.SisConfig;
import dev.sis.config.StoreConfig;
import dev.sis.config.TrustedProxies;
import dev.sis.config.UploadLimits;
import dev.sis.config.VariantFeatures;
import dev.sis.image.ImageEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The start-up warm-up (issue 18): before {@code /readyz} says ready, the cached-read path is run
 * for a bounded time, so that a new process serves near its steady rate within seconds of
 * being put behind a load balancer rather than climbing there under the first users' load.
 *
 * <p>Design note: HotSpot compiles methods, not objects, so what is compiled while another
 * instance of the same classes answers is what the real server then runs. The warm-up is such an
 * instance, private and thrown away: the same routes built by the same {@link App} code, on
 * {@code 127.0.0.1} port 0, over a local store in a new temporary directory, with its own
 * 16 MiB cache, its own metrics registry, and an access log that makes each line and drops it.
 * {@link WarmUpTraffic} uploads one generated image to it over real HTTP and reads its thumbnail
 * (legacy and /v1 routes) and its original from a few kept-alive connections until the time is
 * up. Then the instance is closed and the directory deleted. So a user sees nothing of it: not a
 * file in the store, an entry in the cache, an access line, a metric, a request to an agent's
 * upstream server or to the S3 bucket (its store is always local), only one log line.
 *
 * <p>Bounded: {@code --warm-up} of time (a minute at most), {@link #MAX_REQUESTS} requests; a
 * failure is logged and the server serves without it; {@link #close()} (a stop signal) ends it.
 * Thread-safe.
 */
final class WarmUp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WarmUp.class);
    /** The private instance's cache: an original and two thumbnails, with room to spare. */
    static final long CACHE_BYTES = 16L * 1024 * 1024;
    /** More than the default warm-up gets through on a fast machine (about 20,000 a second). */
    static final int MAX_REQUESTS = 200_000;
    /**
     * How long closing the private instance waits for its requests in flight: an upload cut by a
     * stop must end before the directory is deleted, or it would store into it afterwards.
     */
    private static final Duration DRAIN = Duration.ofSeconds(5);
    /** How long a stop waits for the private instance to close and its files to go. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    private final Thread thread;

    private WarmUp(Thread thread) {
        this.thread = thread;
    }

    /**
     * Starts the warm-up that {@code real}'s {@code --warm-up} asks for, on a thread of its own,
     * with {@code engine} (the real server's: libvips loads once, and its choices are the real
     * ones). {@code whenOver} runs once it is over, however it ended.
     */
    static WarmUp start(SisConfig real, ImageEngine engine, Runnable whenOver) {
        Duration limit = real.server().warmUp();
        Thread thread = Thread.ofPlatform().name("sis-warm-up").daemon().unstarted(
                () -> run(real, engine, limit, whenOver));
        thread.start();
        return new WarmUp(thread);
    }

    private static void run(SisConfig real, ImageEngine engine, Duration limit, Runnable whenOver) {
        long started = System.nanoTime();
        Path dir = null;
        App instance = null;
        try {
            dir = Files.createTempDirectory("sis-warm-up-");
            instance = App.startPrivate(privateConfig(real, dir), engine);
            WarmUpTraffic.Driven driven = WarmUpTraffic.drive(instance.port(), limit, MAX_REQUESTS);
            LOG.info("warm-up done in {} ms (the upload and first reads {} ms, then {} reads, {} of them cache hits); "
                    + "/readyz says ready", (System.nanoTime() - started) / 1_000_000, driven.preparedMillis(),
                    driven.reads(), instance.cacheHits());
        } catch (InterruptedException stop) {
            LOG.info("warm-up stopped: sis is stopping");
        } catch (IOException | RuntimeException | Error e) {
            LOG.warn("warm-up failed, so sis serves without it: {}", e.toString());
        } finally {
            // A stop has been heard by now; it must not cut the clean-up short.
            Thread.interrupted();
            closeQuietly(instance);
            deleteQuietly(dir);
            whenOver.run();
        }
    }

    /** The throw-away instance's configuration: nothing shared with the real server but its image limits. */
    static SisConfig privateConfig(SisConfig real, Path dir) {
        ServerConfig server = new ServerConfig("127.0.0.1", 0, DRAIN, ConnectionLimits.defaults(),
                new AccessLogConfig(new AccessLogTarget.Discarded(), TrustedProxies.none()));
        return new SisConfig(server, new StoreConfig.Local(dir, OptionalLong.of(0)), new CacheConfig(CACHE_BYTES, real.cache().policy()),
                UploadLimits.defaults(), real.image(), SecurityConfig.none(), real.logFormat(), real.imageEngine(),
                VariantFeatures.none());
    }

    private static void closeQuietly(App instance) {
        if (instance == null) {
            return;
        }
        try {
            instance.close();
        } catch (RuntimeException e) {
            LOG.warn("closing the warm-up's instance failed: {}", e.toString());
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("the warm-up's temporary files could not all be deleted from {}: {}", dir, e.toString());
        }
    }

    /** Ends the warm-up if it still runs, and waits until its instance is closed and its files deleted. */
    @Override
    public void close() {
        thread.interrupt();
        try {
            thread.join(STOP_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
