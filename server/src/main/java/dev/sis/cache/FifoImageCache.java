package dev.sis.cache;

import dev.sis.image.EncodedImage;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

/**
 * sis 2.0's policy: when the budget is full, the oldest inserted entries go first. Reads do not
 * change the order (this is FIFO, not LRU).
 *
 * <p>Design: {@link #acquire} is a plain {@link ConcurrentHashMap} read, so hits never contend.
 * Every change ({@code put}, {@code invalidate}) takes one lock, which guards the insertion order
 * and the byte count. A put evicts <em>before</em> it publishes the new entry, so a reader never
 * sees the map holding more than the budget. Re-putting a key replaces the old entry and counts as
 * a fresh insertion (it moves to the back of the queue). Entries that leave are released after
 * the lock is let go: freeing native memory costs more than the bookkeeping.
 *
 * <p>Thread-safe.
 */
public final class FifoImageCache implements ImageCache {
    private final long budget;
    private final ConcurrentHashMap<CacheKey, OffHeapImage> entries = new ConcurrentHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    /** Keys of {@link #entries}, oldest first. Guarded by {@link #lock}. */
    private final LinkedHashSet<CacheKey> insertionOrder = new LinkedHashSet<>();
    /** Written under {@link #lock} only; volatile so that readers need not take it. */
    private volatile long weightedSize;
    private volatile long evictions;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final AtomicLong offHeap = new AtomicLong();

    /** @param budget the byte budget, {@code > 0} (use {@link NoImageCache} for none) */
    public FifoImageCache(long budget) {
        if (budget <= 0) {
            throw new IllegalArgumentException("budget must be positive: " + budget);
        }
        this.budget = budget;
    }

    @Override
    public OffHeapImage acquire(CacheKey key) {
        OffHeapImage image = entries.get(key);
        // Evicted and freed between the lookup and the hold: as good as a miss.
        boolean held = image != null && image.retain();
        (held ? hits : misses).increment();
        return held ? image : null;
    }

    @Override
    public boolean contains(CacheKey key) {
        return entries.containsKey(key);
    }

    @Override
    public void put(CacheKey key, EncodedImage image) {
        long weight = ImageCache.weight(image);
        OffHeapImage copy = weight > budget ? null : OffHeapImage.copyOf(image, offHeap);
        List<OffHeapImage> gone = new ArrayList<>(2);
        lock.lock();
        try {
            // Drop the old entry even when the new one is too heavy: a stale value must not stay.
            removeLocked(key, gone);
            if (copy == null) {
                return;
            }
            Iterator<CacheKey> oldestFirst = insertionOrder.iterator();
            while (weightedSize + weight > budget) {
                CacheKey oldest = oldestFirst.next();
                oldestFirst.remove();
                OffHeapImage evicted = entries.remove(oldest);
                weightedSize -= ImageCache.weight(evicted);
                gone.add(evicted);
                evictions++;
            }
            insertionOrder.add(key);
            entries.put(key, copy);
            weightedSize += weight;
        } finally {
            lock.unlock();
            gone.forEach(OffHeapImage::release);
        }
    }

    /** Scans every entry under the lock: O(entries), acceptable because it serves DELETE, which is rare. */
    @Override
    public void invalidate(String md5) {
        List<OffHeapImage> gone = new ArrayList<>();
        lock.lock();
        try {
            insertionOrder.removeIf(key -> {
                if (!key.md5().equals(md5)) {
                    return false;
                }
                OffHeapImage removed = entries.remove(key);
                weightedSize -= ImageCache.weight(removed);
                gone.add(removed);
                return true;
            });
        } finally {
            lock.unlock();
            gone.forEach(OffHeapImage::release);
        }
    }

    @Override
    public void clear() {
        List<OffHeapImage> gone;
        lock.lock();
        try {
            gone = new ArrayList<>(entries.values());
            entries.clear();
            insertionOrder.clear();
            weightedSize = 0;
        } finally {
            lock.unlock();
        }
        gone.forEach(OffHeapImage::release);
    }

    private void removeLocked(CacheKey key, List<OffHeapImage> gone) {
        OffHeapImage old = entries.remove(key);
        if (old != null) {
            insertionOrder.remove(key);
            weightedSize -= ImageCache.weight(old);
            gone.add(old);
        }
    }

    @Override
    public long weightedSize() {
        return weightedSize;
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
        return new CacheStats(hits.sum(), misses.sum(), evictions);
    }
}
