package dev.sis.metrics;

import dev.sis.cache.ImageCache;
import dev.sis.image.DecodeGate;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;

/**
 * The process's metrics, exposed at {@code /metrics} in Prometheus text format: JVM and process
 * figures, plus what sis's components record (requests, cache, variants, decodes, uploads,
 * upstream errors). Components record into {@link #registry()}; gauges over their own counters
 * are bound here, so the components need not know about Prometheus.
 */
public final class SisMetrics implements AutoCloseable {
    /**
     * The buckets of every duration histogram: a few service-level thresholds instead of
     * Micrometer's 69 percentile buckets, which made {@code /metrics} about 8 KB per series.
     * From a cached read (under 5 ms) to the default decode timeout (30 s).
     */
    public static final Duration[] DURATION_BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(25),
            Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofMillis(2_500), Duration.ofSeconds(10),
            Duration.ofSeconds(30)};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();

    public SisMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** Cache hits, misses, evictions and bytes held, read from the cache's own counters. */
    public void bindCache(ImageCache cache) {
        FunctionCounter.builder("sis.cache.hits", cache, c -> c.stats().hits())
                .description("cache lookups that found the bytes").register(registry);
        FunctionCounter.builder("sis.cache.misses", cache, c -> c.stats().misses())
                .description("cache lookups that did not").register(registry);
        FunctionCounter.builder("sis.cache.evictions", cache, c -> c.stats().evictions())
                .description("entries evicted to stay within the budget").register(registry);
        Gauge.builder("sis.cache.size", cache, ImageCache::weightedSize).baseUnit("bytes")
                .description("bytes held by the cache").register(registry);
        Gauge.builder("sis.cache.budget", cache, ImageCache::budget).baseUnit("bytes")
                .description("the cache's byte budget").register(registry);
        Gauge.builder("sis.cache.native", cache, ImageCache::offHeapBytes).baseUnit("bytes")
                .description("native memory the cache's entries take, evicted ones still being sent included")
                .register(registry);
    }

    /** Decodes running, the decode queue's depth and the requests refused because the line was full. */
    public void bindDecodeGate(DecodeGate gate) {
        Gauge.builder("sis.decode.running", gate, DecodeGate::running)
                .description("variants being made on the decode workers").register(registry);
        Gauge.builder("sis.decode.queue", gate, DecodeGate::queued)
                .description("requests waiting for a decode slot").register(registry);
        FunctionCounter.builder("sis.decode.rejections", gate, DecodeGate::rejections)
                .description("requests refused with 503 because the decode queue was full").register(registry);
    }

    /** The Prometheus text exposition of every metric. */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
