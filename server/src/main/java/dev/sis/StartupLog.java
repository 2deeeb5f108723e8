package dev.sis;

import dev.sis.cli.CommandLineParser;
import dev.sis.config.CacheConfig;
import dev.sis.config.HeapShare;
import dev.sis.config.ConnectionLimits;
import dev.sis.config.ImageLimits;
import dev.sis.config.SecurityConfig;
import dev.sis.config.SisConfig;
import dev.sis.config.UploadLimits;
import dev.sis.image.ImageEngine;
import dev.sis.storage.ImageStore;
import java.util.Locale;
import org.slf4j.Logger;

/** The one block logged at start: the version, who may upload, where to go, where files are kept, and every limit in force. */
final class StartupLog {
    private StartupLog() {
    }

    static void print(Logger log, SisConfig config, ImageStore store, ImageEngine engine, int port) {
        String host = config.server().host();
        String shownHost = host.equals("0.0.0.0") || host.equals("::") ? "localhost" : host;
        CacheConfig cache = config.cache();
        UploadLimits upload = config.upload();
        ImageLimits image = config.image();
        ConnectionLimits connections = config.server().connections();
        log.info("""
                sis is ready
                  version:       sis {}
                  access:        {}
                  upload page:   http://{}:{}/
                  listening on:  {}:{}
                  data:          {}
                  cache:         {}
                  memory:        {}
                  uploads:       at most {} per request, names up to {} bytes, {}; {} of memory for those in flight
                  connections:   at most {} open, headers within {} ms, bodies at {} bytes/s after {} ms
                  image engine:  {}
                  images:        sources up to {} pixels, variants up to {} pixels, w/h up to {}
                  animations:    up to {} frames, {} pixels in all
                  decodes:       {} at once within {}, {} more may wait, {} ms each at most
                  warm-up:       {}""",
                CommandLineParser.version(), access(config.security()),
                shownHost, port, host, port, store.describe(),
                cache(cache), memory(cache, image),
                mib(upload.maxRequestBytes()), upload.maxNameBytes(),
                upload.acceptAnyFile() ? "any file accepted" : "images only", mib(upload.memoryBytes()),
                connections.maxConnections(), connections.headerTimeout().toMillis(), connections.minBodyRate(),
                connections.bodyTimeout().toMillis(),
                engine.describe(),
                image.maxSourcePixels(), image.maxOutputPixels(), image.maxDimension(),
                image.maxAnimationFrames(), image.maxAnimationPixels(),
                image.maxDecodes(), mib(image.decodeMemoryBytes()), image.maxQueuedDecodes(), image.decodeTimeout().toMillis(),
                warmUp(config.server().warmUp()));
    }

    /** Who may do what: the first thing to know before the server is opened to a network. */
    private static String access(SecurityConfig security) {
        return (security.uploadToken() == null ? "uploads open to anyone (no --upload-token)"
                : "uploads need the upload token")
                + (security.adminToken() == null ? ", deletes off (no --admin-token)" : ", deletes need the admin token")
                + (security.signingKey() == null ? ", variant URLs unsigned" : ", variant URLs signed");
    }

    /** The block opens with "sis is ready" as it always has (scripts wait for it); this says when /readyz will. */
    private static String warmUp(java.time.Duration warmUp) {
        return warmUp.isZero() ? "off (/readyz is ready now)"
                : warmUp.toMillis() + " ms of cached reads on a private instance, then /readyz says ready";
    }

    private static String cache(CacheConfig cache) {
        return cache.enabled() ? mib(cache.budgetBytes()) + " " + cache.policy().name().toLowerCase(Locale.ROOT) : "off";
    }

    /** How the heap is shared (see HeapShare): what an operator sizes a container by. */
    private static String memory(CacheConfig cache, ImageLimits image) {
        HeapShare heap = HeapShare.ofThisJvm(image.decodeMemoryBytes());
        return "heap " + wholeMib(heap.heapBytes()) + ": decodes " + wholeMib(heap.decodeBytes()) + ", "
                + wholeMib(heap.reserveBytes()) + " kept for requests; cache " + wholeMib(cache.budgetBytes())
                + " outside the heap";
    }

    private static String wholeMib(long bytes) {
        return (bytes >> 20) + " MiB";
    }

    private static String mib(long bytes) {
        return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MiB" : bytes + " bytes";
    }
}
