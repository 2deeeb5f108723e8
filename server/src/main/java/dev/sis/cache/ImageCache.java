package dev.sis.cache;

import dev.sis.image.EncodedImage;

/**
 * A memory cache of image bytes with a hard byte budget, held in native memory outside the Java
 * heap ({@link OffHeapImage}): the heap holds only the index.
 *
 * <p>Implementations are thread-safe. The budget counts {@link #weight} of every
 * entry; the cache never holds more than its budget, and an entry heavier than the whole budget
 * is not cached at all.
 */
public interface ImageCache {
    /** Rough per-entry bookkeeping cost (key, record, map node), counted against the budget. */
    int ENTRY_OVERHEAD = 128;

    /** What {@code image} costs against the budget. */
    static long weight(EncodedImage image) {
        return (long) image.bytes().length + ENTRY_OVERHEAD;
    }

    /** What a cached entry costs against the budget: the same as the image it was copied from. */
    static long weight(OffHeapImage image) {
        return image.size() + ENTRY_OVERHEAD;
    }

    /**
     * The cached entry, held for the caller, who must {@link OffHeapImage#release} it once done
     * (after the socket write that sends it); {@code null} on a miss. Counts a hit or a miss.
     */
    OffHeapImage acquire(CacheKey key);

    /** A copy on the heap of the cached entry, or {@code null}: for callers that decode or parse it. */
    default EncodedImage get(CacheKey key) {
        OffHeapImage held = acquire(key);
        if (held == null) {
            return null;
        }
        try {
            return held.toHeap();
        } finally {
            held.release();
        }
    }

    /**
     * Whether the key is cached, without counting a hit or a miss: for a look before deciding how
     * to answer, followed by {@link #acquire} when the entry is used.
     */
    boolean contains(CacheKey key);

    /**
     * Caches a copy of the image in native memory, evicting others as the policy says to stay
     * within the budget. The caller keeps its array.
     */
    void put(CacheKey key, EncodedImage image);

    /** Removes every entry of this MD5 (originals and variants). */
    void invalidate(String md5);

    /**
     * Removes every entry, so that their native memory is freed (each once its last reader is
     * done): when the server stops, which a program that embeds sis may do many times.
     */
    void clear();

    /** Sum of the weights of the entries held now. */
    long weightedSize();

    /**
     * The native memory the cache's entries take now: the cached ones, plus evicted ones still
     * held by a reader (a write to a slow client). Without overhead.
     */
    long offHeapBytes();

    /** The byte budget. */
    long budget();

    /** Counters since start. */
    CacheStats stats();
}
