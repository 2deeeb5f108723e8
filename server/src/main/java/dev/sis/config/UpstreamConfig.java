package dev.sis.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How an agent reaches its upstream sis server.
 *
 * @param baseUrl        the server's base URL, e.g. {@code http://10.0.0.5:4444}
 * @param connectTimeout how long a connection attempt may take
 * @param requestTimeout how long the server may take to answer one request
 * @param readRetries    extra attempts for idempotent reads (GET, HEAD) that failed to connect,
 *                       timed out or got a 502/503/504; uploads are never retried
 * @param spoolDir       where uploads are spooled before they are handed to the server
 * @param checkTimeout   how long a read of an image the agent has cached waits for the server to
 *                       confirm that the image still exists, in one attempt; past it the cached
 *                       copy is served
 * @param dialect        which routes reach the server: sis's, sis 2.0's, or whichever it speaks
 */
public record UpstreamConfig(URI baseUrl, Duration connectTimeout, Duration requestTimeout, int readRetries,
                             Path spoolDir, Duration checkTimeout, UpstreamDialect dialect) {
    /** The default of {@code --upstream-check-timeout}: below what a person waiting notices much. */
    public static final Duration DEFAULT_CHECK_TIMEOUT = Duration.ofMillis(500);

    public UpstreamConfig {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(spoolDir, "spoolDir");
        Objects.requireNonNull(checkTimeout, "checkTimeout");
        Objects.requireNonNull(dialect, "dialect");
        String scheme = baseUrl.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme) || baseUrl.getHost() == null) {
            throw new IllegalArgumentException("the upstream must be an http or https URL with a host");
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero() || requestTimeout.isNegative() || requestTimeout.isZero()
                || checkTimeout.isNegative() || checkTimeout.isZero()) {
            throw new IllegalArgumentException("upstream timeouts must be positive");
        }
        if (readRetries < 0) {
            throw new IllegalArgumentException("readRetries must not be negative");
        }
    }

    /** Whichever routes the server speaks ({@link UpstreamDialect#AUTO}). */
    public UpstreamConfig(URI baseUrl, Duration connectTimeout, Duration requestTimeout, int readRetries, Path spoolDir,
                          Duration checkTimeout) {
        this(baseUrl, connectTimeout, requestTimeout, readRetries, spoolDir, checkTimeout, UpstreamDialect.AUTO);
    }

    /** With the default check timeout. */
    public UpstreamConfig(URI baseUrl, Duration connectTimeout, Duration requestTimeout, int readRetries, Path spoolDir) {
        this(baseUrl, connectTimeout, requestTimeout, readRetries, spoolDir, DEFAULT_CHECK_TIMEOUT);
    }
}
