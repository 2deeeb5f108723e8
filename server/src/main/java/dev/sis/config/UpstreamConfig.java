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
 */
public record UpstreamConfig(URI baseUrl, Duration connectTimeout, Duration requestTimeout, int readRetries,
                             Path spoolDir) {
    public UpstreamConfig {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(spoolDir, "spoolDir");
        String scheme = baseUrl.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme) || baseUrl.getHost() == null) {
            throw new IllegalArgumentException("the upstream must be an http or https URL with a host");
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero() || requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("upstream timeouts must be positive");
        }
        if (readRetries < 0) {
            throw new IllegalArgumentException("readRetries must not be negative");
        }
    }
}
