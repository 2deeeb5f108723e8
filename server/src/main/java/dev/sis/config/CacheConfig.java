package dev.sis.config;

import java.util.Objects;

/**
 * The memory cache in front of the store.
 *
 * <p>The cached bytes live in native memory, outside the Java heap, so the budget is not
 * judged against {@code -Xmx}: it adds to the process's memory beside the heap.
 *
 * @param budgetBytes hard byte budget for cached image bytes; {@code 0} disables the cache
 * @param policy      eviction policy
 */
public record CacheConfig(long budgetBytes, CachePolicy policy) {
    public CacheConfig {
        Objects.requireNonNull(policy, "policy");
        if (budgetBytes < 0) {
            throw new IllegalArgumentException("budgetBytes must not be negative");
        }
    }

    public boolean enabled() {
        return budgetBytes > 0;
    }

    /** Eviction policies; see docs/performance.md for their measured hit ratios. */
    public enum CachePolicy {
        /** sis 2.0's policy: the oldest entry goes first. */
        FIFO,
        /** Caffeine's W-TinyLFU, weighted by bytes. */
        TINYLFU
    }
}
