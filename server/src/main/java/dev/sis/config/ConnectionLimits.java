package dev.sis.config;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Objects;

/**
 * What one client's connections may hold: time to send a request's headers, time and pace to
 * send its body, and how many connections are open at once.
 *
 * @param headerTimeout  how long a request's headers may take to arrive, from the connection's
 *                       start or the end of the previous answer; then the connection is closed
 * @param maxConnections how many connections may be open at once
 * @param bodyTimeout    a request body's head start: it may take this long, plus one second for
 *                       each {@code minBodyRate} bytes received; a slower body is cut
 * @param minBodyRate    the pace, in bytes a second, a body must keep after its head start
 */
public record ConnectionLimits(Duration headerTimeout, int maxConnections, Duration bodyTimeout, long minBodyRate) {
    public static final Duration DEFAULT_HEADER_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_BODY_TIMEOUT = Duration.ofSeconds(20);
    public static final long DEFAULT_MIN_BODY_RATE = 1024;
    /** File descriptors kept out of the connections' reach, at least. */
    static final long MIN_RESERVED_DESCRIPTORS = 256;

    public ConnectionLimits {
        Objects.requireNonNull(headerTimeout, "headerTimeout");
        Objects.requireNonNull(bodyTimeout, "bodyTimeout");
        if (headerTimeout.isNegative() || headerTimeout.isZero() || bodyTimeout.isNegative() || bodyTimeout.isZero()) {
            throw new IllegalArgumentException("the header and body timeouts must be positive");
        }
        if (maxConnections < 1 || minBodyRate < 1) {
            throw new IllegalArgumentException("maxConnections and minBodyRate must be positive");
        }
    }

    public static ConnectionLimits defaults() {
        return new ConnectionLimits(DEFAULT_HEADER_TIMEOUT, defaultMaxConnections(), DEFAULT_BODY_TIMEOUT,
                DEFAULT_MIN_BODY_RATE);
    }

    /**
     * Three quarters of the process's file-descriptor limit (15,000 of 20,000): the other
     * quarter, at least 256, stays for what serving needs besides connections — the store's
     * files and staging files, the upstream's or S3's connections, the JVM's jars and libraries,
     * the log. 10,000 where the JVM cannot tell its limit.
     */
    public static int defaultMaxConnections() {
        long limit = descriptorLimit();
        if (limit <= 0) {
            return 10_000;
        }
        long reserved = Math.max(MIN_RESERVED_DESCRIPTORS, limit / 4);
        return (int) Math.clamp(limit - reserved, 1, Integer.MAX_VALUE);
    }

    /** The process's file-descriptor limit, or -1 when the JVM does not say (not a Unix). */
    static long descriptorLimit() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix
                ? unix.getMaxFileDescriptorCount() : -1;
    }

    public ConnectionLimits withHeaderTimeout(Duration timeout) {
        return new ConnectionLimits(timeout, maxConnections, bodyTimeout, minBodyRate);
    }

    public ConnectionLimits withMaxConnections(int max) {
        return new ConnectionLimits(headerTimeout, max, bodyTimeout, minBodyRate);
    }

    public ConnectionLimits withBodyPace(Duration timeout, long bytesPerSecond) {
        return new ConnectionLimits(headerTimeout, maxConnections, timeout, bytesPerSecond);
    }
}
