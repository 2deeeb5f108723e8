package dev.sis.config;

import java.util.Objects;

/**
 * The memory cache in front of the store.
 *
 * @param budgetBytes    hard byte budget for cached image bytes; {@code 0} disables the cache
 * @param policy         eviction policy
 * @param requestedBytes the budget asked for: more than {@code budgetBytes} when the default
 *                       budget was shrunk to fit the heap (see {@link HeapShare})
 */
public record CacheConfig(long budgetBytes, CachePolicy policy, long requestedBytes) {
    public CacheConfig {
        Objects.requireNonNull(policy, "policy");
        if (budgetBytes < 0 || requestedBytes < budgetBytes) {
            throw new IllegalArgumentException("budgetBytes must not be negative nor more than requestedBytes");
        }
    }

    /** A cache of the budget asked for. */
    public CacheConfig(long budgetBytes, CachePolicy policy) {
        this(budgetBytes, policy, budgetBytes);
    }

    public boolean enabled() {
        return budgetBytes > 0;
    }

    /** Whether the budget is smaller than the one asked for, to fit the heap. */
    public boolean shrunk() {
        return requestedBytes > budgetBytes;
    }

    /** Eviction policies; see docs/performance.md for their measured hit ratios. */
    public enum CachePolicy {
        /** sis 2.0's policy: the oldest entry goes first. */
        FIFO,
        /** Caffeine's W-TinyLFU, weighted by bytes. */
        TINYLFU
    }
}
