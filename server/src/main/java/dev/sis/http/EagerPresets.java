package dev.sis.http;

import dev.sis.config.Preset;
import dev.sis.image.ImageFormat;
import dev.sis.image.VariantSpec;
import dev.sis.model.Md5;
import dev.sis.service.ImageService;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the variants of the {@code eager} presets right after an upload, in the background, so
 * that the first view of each is a cache hit. One thread and a bounded queue: the work never
 * delays an upload's answer and never takes more than one decode slot; when the queue is full
 * the image's eager variants are dropped (counted in {@code sis.presets.eager.dropped} and
 * logged) and made on first view instead. A preset with {@code format:auto} is made in every
 * format {@code auto} may choose, as the browsers asking for it will differ. Thread-safe.
 */
final class EagerPresets implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EagerPresets.class);
    /** Images waiting for their eager variants; beyond it they are dropped. */
    static final int QUEUE = 256;

    private final ImageService service;
    private final List<VariantSpec> specs;
    private final ThreadPoolExecutor executor;
    private final Counter dropped;

    /**
     * @param autoOffers what {@code format=auto} may choose: each is an {@code Accept} the variants
     *                   are made for
     */
    EagerPresets(ImageService service, List<Preset> presets, VariantParams params, List<ImageFormat> autoOffers,
                 MeterRegistry meters) {
        this.service = service;
        this.specs = specs(presets, params, autoOffers);
        this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE),
                Thread.ofPlatform().daemon().name("sis-eager-presets").factory(), new ThreadPoolExecutor.AbortPolicy());
        this.dropped = Counter.builder("sis.presets.eager.dropped")
                .description("uploaded images whose eager presets were not made ahead: the queue was full")
                .register(meters);
    }

    /** Every variant the eager presets name: one per format {@code auto} may answer with. */
    private static List<VariantSpec> specs(List<Preset> presets, VariantParams params, List<ImageFormat> autoOffers) {
        Set<VariantSpec> specs = new LinkedHashSet<>();
        for (Preset preset : presets.stream().filter(Preset::eager).toList()) {
            java.util.function.Function<String, String> query = key -> VariantParams.PRESET.equals(key) ? preset.name() : null;
            params.request(query, null).ifPresent(specs::add);
            if (params.varies(query)) {
                for (ImageFormat offer : autoOffers) {
                    params.request(query, offer.mediaType()).ifPresent(specs::add);
                }
            }
        }
        return List.copyOf(specs);
    }

    /** Queues the eager variants of {@code md5}; returns at once. */
    void uploaded(Md5 md5) {
        if (specs.isEmpty()) {
            return;
        }
        try {
            executor.execute(() -> make(md5));
        } catch (java.util.concurrent.RejectedExecutionException full) {
            dropped.increment();
            LOG.warn("eager presets of {} not made ahead: {} images are already waiting (made on first view instead)",
                    md5, QUEUE);
        }
    }

    private void make(Md5 md5) {
        for (VariantSpec spec : specs) {
            try {
                // a cover preset's gravity=auto names the focal point: the analysis comes first
                service.variant(md5, null, service.analyses().resolveAhead(md5, spec));
            } catch (RuntimeException e) {
                // not an image this preset can be made of (a file, over a budget…): a view will say why
                LOG.info("eager preset variant {} of {} not made: {}", spec.id(), md5, e.getMessage());
                return;
            }
        }
    }

    /** Stops: what is queued is dropped (it is made on first view), what runs is interrupted. */
    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
