package dev.sis.config;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How an agent reaches its upstream sis server.
 *
 * @param baseUrl      the server's base URL, e.g. {@code http://10.0.0.5:4444}
 * @param limits       timeouts, retries of idempotent reads (GET, HEAD) that failed to connect,
 *                     timed out or got a 502/503/504, and the spool folder
 * @param checkTimeout how long a read of an image the agent has cached waits for the server to
 *                     confirm that the image still exists, in one attempt; past it the cached
 *                     copy is served
 * @param dialect      which routes reach the server: sis's, sis 2.0's, or whichever it speaks
 */
public record UpstreamConfig(URI baseUrl, RemoteLimits limits, Duration checkTimeout, UpstreamDialect dialect) {
    /** The default of {@code --upstream-check-timeout}: below what a person waiting notices much. */
    public static final Duration DEFAULT_CHECK_TIMEOUT = Duration.ofMillis(500);

    public UpstreamConfig {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(checkTimeout, "checkTimeout");
        Objects.requireNonNull(dialect, "dialect");
        String scheme = baseUrl.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme) || baseUrl.getHost() == null) {
            throw new IllegalArgumentException("the upstream must be an http or https URL with a host");
        }
        if (checkTimeout.isNegative() || checkTimeout.isZero()) {
            throw new IllegalArgumentException("upstream timeouts must be positive");
        }
    }

    /** Whichever routes the server speaks ({@link UpstreamDialect#AUTO}). */
    public UpstreamConfig(URI baseUrl, RemoteLimits limits, Duration checkTimeout) {
        this(baseUrl, limits, checkTimeout, UpstreamDialect.AUTO);
    }

    /** With the default check timeout, whichever routes the server speaks. */
    public UpstreamConfig(URI baseUrl, RemoteLimits limits) {
        this(baseUrl, limits, DEFAULT_CHECK_TIMEOUT);
    }

    /** The same upstream, reached in {@code chosen}'s routes. */
    public UpstreamConfig withDialect(UpstreamDialect chosen) {
        return new UpstreamConfig(baseUrl, limits, checkTimeout, chosen);
    }
}
