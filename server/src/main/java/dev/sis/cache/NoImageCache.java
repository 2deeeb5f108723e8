package dev.sis.cache;

import dev.sis.image.EncodedImage;
import java.util.concurrent.atomic.LongAdder;

/** The cache when it is disabled (budget 0): holds nothing, every lookup is a miss. Thread-safe. */
public final class NoImageCache implements ImageCache {
    private final LongAdder misses = new LongAdder();

    @Override
    public OffHeapImage acquire(CacheKey key) {
        misses.increment();
        return null;
    }

    @Override
    public boolean contains(CacheKey key) {
        return false;
    }

    @Override
    public void clear() {
    }

    @Override
    public long offHeapBytes() {
        return 0;
    }

    @Override
    public void put(CacheKey key, EncodedImage image) {
    }

    @Override
    public void invalidate(String md5) {
    }

    @Override
    public long weightedSize() {
        return 0;
    }

    @Override
    public long budget() {
        return 0;
    }

    @Override
    public CacheStats stats() {
        return new CacheStats(0, misses.sum(), 0);
    }
}
