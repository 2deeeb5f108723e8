package dev.sis.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * What a store across the network (an agent's upstream server, or an S3 bucket) is given: its
 * timeouts, its retries and where uploads wait until it has them. Built once from the
 * {@code --upstream-…} and {@code --spool-dir} settings, whichever of the two it is.
 *
 * @param connectTimeout how long a connection attempt may take
 * @param requestTimeout how long the server may take to answer one request (S3: may be silent
 *                       while answering)
 * @param retries        extra attempts for a request that failed transiently (an agent retries
 *                       idempotent reads only: GET, HEAD; uploads are never retried)
 * @param spoolDir       where uploads are spooled, per process, before they are handed over
 */
public record RemoteLimits(Duration connectTimeout, Duration requestTimeout, int retries, Path spoolDir) {
    public RemoteLimits {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(spoolDir, "spoolDir");
        if (connectTimeout.isNegative() || connectTimeout.isZero() || requestTimeout.isNegative()
                || requestTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
        if (retries < 0) {
            throw new IllegalArgumentException("retries must not be negative");
        }
    }

    /** The same limits with another request timeout and number of retries (tests shorten them). */
    public RemoteLimits with(Duration requestTimeout, int retries) {
        return new RemoteLimits(connectTimeout, requestTimeout, retries, spoolDir);
    }
}
