package dev.sis.service;

/**
 * Whether this process should get traffic ({@code /readyz}), and why.
 *
 * <p>Design note: an agent whose server is away can still serve what it has cached, and every
 * agent sees the same server, so "not ready while the server is away" takes every agent out of
 * the load balancer at once, for the length of a server restart: a cascade. An agent is
 * therefore ready while its server answers or while it has something cached to serve; uploads
 * and uncached reads still fail at once (502/503/504), and {@link #storeReady()} is the strict
 * answer for operators. A server, or an instance on S3, is ready while its store is.
 *
 * @param storeReady  the store answers: the disk is writable, the bucket or the upstream server answers
 * @param upstream    the store is an upstream sis server (agent mode)
 * @param cachedBytes bytes this process could serve from its memory cache
 */
public record Readiness(boolean storeReady, boolean upstream, long cachedBytes) {
    /** Whether to take traffic: the store answers, or an agent can serve from its cache. */
    public boolean ready() {
        return storeReady || servingFromCacheOnly();
    }

    /** An agent whose server is away, serving what it has cached. */
    public boolean servingFromCacheOnly() {
        return !storeReady && upstream && cachedBytes > 0;
    }
}
