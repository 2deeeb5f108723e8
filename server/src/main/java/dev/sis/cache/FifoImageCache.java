package dev.sis.cache;

import dev.sis.image.EncodedImage;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

/**
 * sis 2.0's policy: when the budget is full, the oldest inserted entries go first. Reads do not
 * change the order (this is FIFO, not LRU).
 *
 * <p>Design: {@link #get} is a plain {@link ConcurrentHashMap} read, so hits never contend.
 * Every change ({@code put}, {@code invalidate}) takes one lock, which guards the insertion order
 * and the byte count. A put evicts <em>before</em> it publishes the new entry, so a reader never
 * sees the map holding more than the budget. Re-putting a key replaces the old entry and counts as
 * a fresh insertion (it moves to the back of the queue).
 *
 * <p>Thread-safe.
 */
public final class FifoImageCache implements ImageCache {
    private final long budget;
    private final ConcurrentHashMap<CacheKey, EncodedImage> entries = new ConcurrentHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    /** Keys of {@link #entries}, oldest first. Guarded by {@link #lock}. */
    private final LinkedHashSet<CacheKey> insertionOrder = new LinkedHashSet<>();
    /** Written under {@link #lock} only; volatile so that readers need not take it. */
    private volatile long weightedSize;
    private volatile long evictions;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    /** @param budget the byte budget, {@code > 0} (use {@link NoImageCache} for none) */
    public FifoImageCache(long budget) {
        if (budget <= 0) {
            throw new IllegalArgumentException("budget must be positive: " + budget);
        }
        this.budget = budget;
    }

    @Override
    public EncodedImage get(CacheKey key) {
        EncodedImage image = entries.get(key);
        (image == null ? misses : hits).increment();
        return image;
    }

    @Override
    public EncodedImage peek(CacheKey key) {
        return entries.get(key);
    }

    @Override
    public void put(CacheKey key, EncodedImage image) {
        long weight = ImageCache.weight(image);
        lock.lock();
        try {
            // Drop the old entry even when the new one is too heavy: a stale value must not stay.
            removeLocked(key);
            if (weight > budget) {
                return;
            }
            Iterator<CacheKey> oldestFirst = insertionOrder.iterator();
            while (weightedSize + weight > budget) {
                CacheKey oldest = oldestFirst.next();
                oldestFirst.remove();
                weightedSize -= ImageCache.weight(entries.remove(oldest));
                evictions++;
            }
            insertionOrder.add(key);
            entries.put(key, image);
            weightedSize += weight;
        } finally {
            lock.unlock();
        }
    }

    /** Scans every entry under the lock: O(entries), acceptable because it serves DELETE, which is rare. */
    @Override
    public void invalidate(String md5) {
        lock.lock();
        try {
            insertionOrder.removeIf(key -> {
                if (!key.md5().equals(md5)) {
                    return false;
                }
                weightedSize -= ImageCache.weight(entries.remove(key));
                return true;
            });
        } finally {
            lock.unlock();
        }
    }

    private void removeLocked(CacheKey key) {
        EncodedImage old = entries.remove(key);
        if (old != null) {
            insertionOrder.remove(key);
            weightedSize -= ImageCache.weight(old);
        }
    }

    @Override
    public long weightedSize() {
        return weightedSize;
    }

    @Override
    public long budget() {
        return budget;
    }

    @Override
    public CacheStats stats() {
        return new CacheStats(hits.sum(), misses.sum(), evictions);
    }
}
