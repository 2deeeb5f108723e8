package dev.sis.storage.budget;

import dev.sis.model.FileName;
import dev.sis.model.Md5;
import dev.sis.storage.Blob;
import dev.sis.storage.ForwardingImageStore;
import dev.sis.storage.ImageStore;
import dev.sis.storage.StoredFile;
import dev.sis.storage.StoreLayout;
import dev.sis.storage.StoredVariants;
import dev.sis.storage.VariantKey;
import dev.sis.storage.VariantPlace;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A store whose variants are a bounded cache: at most a budget of bytes (as the store counts
 * them, see {@link StoredVariants#footprint}) and at most {@link #MAX_VARIANTS} of them; beyond
 * either, the least recently used are removed, and made again when asked. Originals pass through
 * untouched and are never removed. A budget of 0 keeps no variant (they are still made, served
 * and cached in memory by the service).
 *
 * <p>Design note: what is stored is known from an index in memory ({@link LruIndex}), fed by every
 * put and every read of a stored variant, and at start by a scan of the store (a walk of the
 * tree, a listing of the bucket) on a thread of its own, so that a large store does not delay
 * readiness: until the scan ends, the budget covers what it has found so far and everything
 * stored or read since the start. Variants are removed after the put that went over the budget,
 * so the store holds at most the budget plus the variants being written at that moment.
 *
 * <p>Several processes sharing a bucket each keep an index of their own: recency is each one's
 * view (what it stored or read; what its scan found, by the time it was written), and each keeps
 * the variants it knows within its budget. A variant removed by one process while another reads
 * it is found gone ({@link java.nio.file.NoSuchFileException} when opened) and made again; a
 * variant removed while another process writes it is either written after the removal (and
 * stays) or found already there. Thread-safe.
 */
public final class VariantBudgetStore extends ForwardingImageStore implements AutoCloseable {
    /**
     * The most variants kept, whatever their bytes: a bound on the index's memory (about 260
     * bytes each, 63 MiB when full) and on the store's files and folders.
     */
    public static final int MAX_VARIANTS = 250_000;
    private static final Logger LOG = LoggerFactory.getLogger(VariantBudgetStore.class);
    /** How long a stop waits for the scan to notice it; after that the store's close ends it. */
    private static final Duration SCAN_STOP_WAIT = Duration.ofSeconds(2);
    /** How long after a failed scan (the store unreachable) the next one starts. */
    private static final Duration SCAN_RETRY = Duration.ofSeconds(30);

    private final StoredVariants variants;
    private final LruIndex<String> index;
    private final String budgetText;
    private final Thread scan;
    private volatile boolean closing;
    private volatile boolean scanned;

    private VariantBudgetStore(ImageStore store, StoredVariants variants, long maxBytes, String budgetText) {
        super(store);
        this.variants = variants;
        this.index = new LruIndex<>(maxBytes, MAX_VARIANTS, System::currentTimeMillis);
        this.budgetText = budgetText;
        this.scan = Thread.ofPlatform().name("sis-variant-scan").daemon().unstarted(this::scan);
    }

    /**
     * Puts {@code store}'s variants under a budget and starts the scan of what it holds.
     *
     * @param maxBytes the budget, or empty for the store's {@link StoredVariants#defaultBudget default}
     * @param meters   where the variants' bytes, count and removals are recorded
     */
    public static <S extends ImageStore & StoredVariants> VariantBudgetStore open(S store, OptionalLong maxBytes,
                                                                                  MeterRegistry meters)
            throws IOException {
        StoredVariants.DefaultBudget fallback = maxBytes.isPresent() ? null : store.defaultBudget();
        long bytes = fallback == null ? maxBytes.getAsLong() : fallback.bytes();
        String text = bytes == 0 ? "none kept (budget 0)"
                : "up to " + bytesText(bytes) + (fallback == null ? "" : " (" + fallback.reason() + ")")
                + " and " + MAX_VARIANTS + " files, least recently used removed first";
        VariantBudgetStore budgeted = new VariantBudgetStore(store, store, bytes, text);
        budgeted.register(meters);
        if (bytes == 0) {
            budgeted.scanned = true; // nothing is kept, and nothing stored earlier is removed
        } else {
            budgeted.scan.start();
        }
        return budgeted;
    }

    /** A variant the budget keeps out is not handed on: the blob is given up here, as a put must. */
    @Override
    public boolean putVariant(Md5 md5, VariantKey key, Blob blob) throws IOException {
        if (key.isSidecar()) {
            // an image's analysis is kept whatever the budget: it is not made again on a view
            return store.putVariant(md5, key, blob);
        }
        try (blob) {
            long weight = variants.footprint(blob.size());
            if (keepsNone() || !index.fits(weight)) {
                return false; // not kept: served and cached in memory by the caller all the same
            }
            boolean stored = store.putVariant(md5, key, blob);
            remove(index.use(new VariantPlace(md5, key).path(), weight));
            return stored;
        }
    }

    /** A read is a use: the variant becomes the most recent. One found gone is forgotten. */
    @Override
    public Optional<StoredFile> variant(Md5 md5, VariantKey key) throws IOException {
        Optional<StoredFile> found = store.variant(md5, key);
        if (key.isSidecar()) {
            return found;
        }
        String place = new VariantPlace(md5, key).path();
        if (found.isEmpty()) {
            index.forget(place);
        } else if (!keepsNone()) {
            remove(index.use(place, variants.footprint(found.get().size())));
        }
        return found;
    }

    @Override
    public boolean delete(Md5 md5, FileName name) throws IOException {
        boolean removed = store.delete(md5, name);
        if (removed && (name == null || store.names(md5).isEmpty())) {
            String folder = StoreLayout.folder(md5);
            index.forgetAll(place -> place.startsWith(folder)); // the variants went with the last name
        }
        return removed;
    }

    @Override
    public String describe() {
        return store.describe() + "; stored variants: " + budgetText;
    }

    /** Stops the scan, then closes the store when it has anything to close. */
    @Override
    public void close() throws Exception {
        closing = true;
        if (scan.isAlive()) {
            scan.interrupt(); // wakes it from its wait before a retry
            scan.join(SCAN_STOP_WAIT);
        }
        if (store instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    private boolean keepsNone() {
        return index.maxBytes() == 0;
    }

    /** Counts in what the store holds; a scan that fails (the bucket away at start) is made again later. */
    private void scan() {
        while (!closing) {
            try {
                scanOnce();
                return;
            } catch (ScanStopped stopping) {
                return;
            } catch (IOException | RuntimeException e) {
                LOG.warn("the scan of stored variants failed ({}); again in {} s. Until it ends, the budget covers "
                        + "the variants found so far and those stored or read since the start", e.toString(),
                        SCAN_RETRY.toSeconds());
            }
            try {
                Thread.sleep(SCAN_RETRY);
            } catch (InterruptedException closed) {
                return;
            }
        }
    }

    private void scanOnce() throws IOException {
        long started = System.nanoTime();
        variants.forEachVariant((place, size, lastModified) -> {
            if (closing) {
                throw new ScanStopped();
            }
            if (!place.key().isSidecar()) {
                remove(index.found(place.path(), variants.footprint(size), lastModified));
            }
        });
        scanned = true;
        LOG.info("stored variants counted in {} ms: {} variants, {} of the {} budget",
                (System.nanoTime() - started) / 1_000_000, index.size(), bytesText(index.bytes()),
                bytesText(index.maxBytes()));
    }

    /** Removes what the index let go of. One that cannot be removed now stays until a later start finds it. */
    private void remove(List<String> places) {
        for (String path : places) {
            VariantPlace place = VariantPlace.parse(path).orElseThrow();
            try {
                variants.removeVariant(place.md5(), place.key());
            } catch (IOException | RuntimeException e) {
                LOG.warn("could not remove the stored variant {}: {}", path, e.toString());
            }
        }
    }

    private void register(MeterRegistry meters) {
        Gauge.builder("sis.stored.variants", index, LruIndex::size)
                .description("variants kept in the store (as this process knows them)").register(meters);
        Gauge.builder("sis.stored.variants.size", index, LruIndex::bytes).baseUnit("bytes")
                .description("bytes the stored variants take, as the budget counts them").register(meters);
        Gauge.builder("sis.stored.variants.budget", index, LruIndex::maxBytes).baseUnit("bytes")
                .description("the budget of stored variants (--max-variant-storage)").register(meters);
        FunctionCounter.builder("sis.stored.variants.evictions", index, LruIndex::evictions)
                .description("stored variants removed to stay within the budget").register(meters);
        // Whether the start-up scan has ended, so that the budget covers every variant in the store.
        Gauge.builder("sis.stored.variants.scanned", this, s -> s.scanned ? 1 : 0)
                .description("1 once the start-up scan of the store is counted in the budget").register(meters);
    }

    private static String bytesText(long bytes) {
        return bytes >= 1L << 30 ? String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30))
                : bytes >= 1L << 20 ? String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1L << 20))
                : bytes + " bytes";
    }

    /** Ends the scan from inside the store's listing when the store closes. */
    private static final class ScanStopped extends RuntimeException {
        ScanStopped() {
            super(null, null, false, false);
        }
    }
}
