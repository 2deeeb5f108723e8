package dev.sis.cache;

/** Cache counters since start. */
public record CacheStats(long hits, long misses, long evictions) {
    public double hitRatio() {
        long requests = hits + misses;
        return requests == 0 ? 0.0 : (double) hits / requests;
    }
}
