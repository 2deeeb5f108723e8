package dev.sis.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalListener;
import dev.sis.image.EncodedImage;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Caffeine's W-TinyLFU, weighted by {@link ImageCache#weight}: an entry is admitted only if it
 * is likely to be requested more often than what it would evict, so a one-off scan cannot flush
 * the popular images.
 *
 * <p>Maintenance (eviction, stats) runs on the calling thread ({@code executor(Runnable::run)}),
 * so after a {@code put} returns on a quiet cache the budget holds exactly. Under concurrent
 * writes Caffeine may briefly hold more than the budget (an entry is in the map before the
 * maintenance that evicts for it has run); the excess is bounded by the entries in flight.
 *
 * <p>Every entry that leaves (evicted, replaced, invalidated, refused by the admission policy)
 * passes the removal listener, which gives back the cache's hold on its native memory; that
 * listener runs on the thread that caused the removal, after Caffeine's locks.
 *
 * <p>Thread-safe.
 */
public final class TinyLfuImageCache implements ImageCache {
    private final long budget;
    private final Cache<CacheKey, OffHeapImage> cache;
    private final AtomicLong offHeap = new AtomicLong();

    /** @param budget the byte budget, {@code > 0} (use {@link NoImageCache} for none) */
    public TinyLfuImageCache(long budget) {
        if (budget <= 0) {
            throw new IllegalArgumentException("budget must be positive: " + budget);
        }
        this.budget = budget;
        this.cache = Caffeine.newBuilder()
                .maximumWeight(budget)
                // put() only lets in entries that fit in an int, so the cast is exact.
                .weigher((CacheKey key, OffHeapImage image) -> (int) ImageCache.weight(image))
                .executor(Runnable::run)
                .removalListener((RemovalListener<CacheKey, OffHeapImage>) (key, image, cause) -> image.release())
                .recordStats()
                .build();
    }

    /** Whether an entry of this weight may be cached: Caffeine weighs in ints, and the budget is hard. */
    static boolean cacheable(long weight, long budget) {
        return weight <= budget && weight <= Integer.MAX_VALUE;
    }

    @Override
    public OffHeapImage acquire(CacheKey key) {
        // An entry freed between the lookup and the hold is a miss (Caffeine counted a hit: rare).
        OffHeapImage image = cache.getIfPresent(key);
        return image != null && image.retain() ? image : null;
    }

    @Override
    public boolean contains(CacheKey key) {
        return cache.asMap().containsKey(key);
    }

    @Override
    public void put(CacheKey key, EncodedImage image) {
        if (cacheable(ImageCache.weight(image), budget)) {
            cache.put(key, OffHeapImage.copyOf(image, offHeap));
        } else {
            // Not cacheable, but an older value under this key must not outlive the replacement.
            cache.invalidate(key);
        }
    }

    /** Scans every key: O(entries), acceptable because it serves DELETE, which is rare. */
    @Override
    public void invalidate(String md5) {
        cache.asMap().keySet().removeIf(key -> key.md5().equals(md5));
    }

    @Override
    public void clear() {
        cache.invalidateAll(); // each removal passes the listener, which releases the entry
    }

    /** Runs pending maintenance first, so the figure is exact for a quiet cache. */
    @Override
    public long weightedSize() {
        cache.cleanUp();
        return cache.policy().eviction().orElseThrow().weightedSize().orElseThrow();
    }

    @Override
    public long offHeapBytes() {
        return offHeap.get();
    }

    @Override
    public long budget() {
        return budget;
    }

    @Override
    public CacheStats stats() {
        var stats = cache.stats();
        return new CacheStats(stats.hitCount(), stats.missCount(), stats.evictionCount());
    }
}
