package dev.sis.cache;

import dev.sis.image.EncodedImage;

/**
 * A memory cache of image bytes with a hard byte budget.
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

    /** The cached entry, or {@code null}. */
    EncodedImage get(CacheKey key);

    /**
     * The cached entry, or {@code null}, without counting a hit or a miss: for a look before
     * deciding how to answer, followed by {@link #get} when the entry is used.
     */
    EncodedImage peek(CacheKey key);

    /** Caches an entry, evicting others as the policy says to stay within the budget. */
    void put(CacheKey key, EncodedImage image);

    /** Removes every entry of this MD5 (originals and variants). */
    void invalidate(String md5);

    /** Sum of the weights of the entries held now. */
    long weightedSize();

    /** The byte budget. */
    long budget();

    /** Counters since start. */
    CacheStats stats();
}
