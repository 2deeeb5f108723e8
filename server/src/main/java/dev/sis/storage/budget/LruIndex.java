package dev.sis.storage.budget;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * The stored variants a process knows of, in the order of their last use, within a byte budget
 * and a count: storing or using one returns the keys to remove from the store so that both
 * bounds hold again, the least recently used first. Only bookkeeping: the caller removes them.
 *
 * <p>Design note: recency is a stamp, the time of the last use (in thousandths of a millisecond,
 * kept strictly increasing), so that variants found by the start-up scan can take their place by
 * the time their file was written, among one another and behind everything used since the
 * start, although the scan finds them in no order. A {@link TreeMap} by stamp is the order and a
 * {@link HashMap} finds an entry: every method is O(log n). The count bounds this index's own
 * memory as much as the store's files. Thread-safe: every method holds the index's lock.
 *
 * @param <K> what names a stored variant
 */
final class LruIndex<K> {
    private static final long STAMPS_PER_MILLI = 1000;

    private final long maxBytes;
    private final int maxEntries;
    private final LongSupplier clockMillis;
    private final Map<K, Entry> entries = new HashMap<>();
    private final TreeMap<Long, K> byRecency = new TreeMap<>();
    private long bytes;
    private long evictions;
    private long lastUse;

    private static final class Entry {
        long weight;
        long stamp;

        Entry(long weight) {
            this.weight = weight;
        }
    }

    /**
     * @param maxBytes    the budget: the weights of all entries together stay within it
     * @param maxEntries  the most entries kept, at least 1
     * @param clockMillis the current time in milliseconds, for stamps comparable with file times
     */
    LruIndex(long maxBytes, int maxEntries, LongSupplier clockMillis) {
        if (maxBytes < 0 || maxEntries < 1) {
            throw new IllegalArgumentException("bounds must be positive");
        }
        this.maxBytes = maxBytes;
        this.maxEntries = maxEntries;
        this.clockMillis = clockMillis;
    }

    /** Whether an entry of {@code weight} can be kept at all: not heavier than the whole budget. */
    boolean fits(long weight) {
        return weight <= maxBytes;
    }

    /**
     * {@code key} was stored or read now: it becomes the most recent, with {@code weight}.
     *
     * @return the keys to remove from the store, least recently used first; {@code key} itself
     *         only when it does not {@link #fits fit} at all
     */
    synchronized List<K> use(K key, long weight) {
        if (!fits(weight)) {
            forget(key);
            evictions++;
            return List.of(key);
        }
        Entry entry = entries.get(key);
        if (entry == null) {
            entry = new Entry(weight);
            entries.put(key, entry);
        } else {
            byRecency.remove(entry.stamp);
            bytes -= entry.weight;
            entry.weight = weight;
        }
        bytes += weight;
        lastUse = freeStamp(Math.max(lastUse + 1, clockMillis.getAsLong() * STAMPS_PER_MILLI), 1);
        entry.stamp = lastUse;
        byRecency.put(lastUse, key);
        return removeBeyondBounds();
    }

    /**
     * {@code key}, of {@code weight} and last written at {@code lastModifiedMillis}, was found in the store by a scan. A
     * key known already is left as it is (it was stored or used since the start); a new one takes
     * its place by that time, never ahead of now.
     *
     * @return the keys to remove from the store, least recently used first (possibly {@code key})
     */
    synchronized List<K> found(K key, long weight, long lastModifiedMillis) {
        if (entries.containsKey(key)) {
            return List.of();
        }
        if (!fits(weight)) {
            evictions++;
            return List.of(key);
        }
        Entry entry = new Entry(weight);
        entry.stamp = freeStamp(Math.min(lastModifiedMillis, clockMillis.getAsLong()) * STAMPS_PER_MILLI, -1);
        entries.put(key, entry);
        byRecency.put(entry.stamp, key);
        bytes += weight;
        return removeBeyondBounds();
    }

    /** Forgets {@code key}, which is no longer in the store (not counted as an eviction). */
    synchronized void forget(K key) {
        Entry entry = entries.remove(key);
        if (entry != null) {
            byRecency.remove(entry.stamp);
            bytes -= entry.weight;
        }
    }

    /** Forgets every key that {@code gone} accepts (their image was deleted). */
    synchronized void forgetAll(Predicate<K> gone) {
        for (Iterator<Map.Entry<K, Entry>> it = entries.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<K, Entry> e = it.next();
            if (gone.test(e.getKey())) {
                byRecency.remove(e.getValue().stamp);
                bytes -= e.getValue().weight;
                it.remove();
            }
        }
    }

    /** The weights of all entries together. */
    synchronized long bytes() {
        return bytes;
    }

    /** How many entries there are. */
    synchronized int size() {
        return entries.size();
    }

    /** How many keys were returned for removal since the start. */
    synchronized long evictions() {
        return evictions;
    }

    long maxBytes() {
        return maxBytes;
    }

    /** {@code wanted}, or the nearest stamp not taken in {@code direction} (+1 later, -1 earlier). */
    private long freeStamp(long wanted, int direction) {
        long stamp = wanted;
        while (byRecency.containsKey(stamp)) {
            stamp += direction;
        }
        return stamp;
    }

    private List<K> removeBeyondBounds() {
        List<K> removed = List.of();
        while (bytes > maxBytes || entries.size() > maxEntries) {
            Map.Entry<Long, K> eldest = byRecency.pollFirstEntry();
            bytes -= entries.remove(eldest.getValue()).weight;
            evictions++;
            if (removed.isEmpty()) {
                removed = new ArrayList<>();
            }
            removed.add(eldest.getValue());
        }
        return removed;
    }
}
