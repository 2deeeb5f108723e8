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
    /** Heap allowed per connection when the cap is chosen: about 4.5 times what a waiting one holds. */
    static final long HEAP_PER_CONNECTION = 16 * 1024;

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
     * the log. At most one connection per {@link #HEAP_PER_CONNECTION} of the maximum heap
     * (16,384 at {@code -Xmx256m}), since a container's limit is often 1,048,576 and a
     * connection waiting for its headers holds about 3.5 KiB of heap (5,000 of them: 17 MB):
     * the cap's connections then hold at most about a fifth of the heap. 10,000 where the JVM
     * cannot tell its descriptor limit.
     */
    public static int defaultMaxConnections() {
        long limit = descriptorLimit();
        long byDescriptors = limit <= 0 ? 10_000 : limit - Math.max(MIN_RESERVED_DESCRIPTORS, limit / 4);
        long byHeap = Runtime.getRuntime().maxMemory() / HEAP_PER_CONNECTION;
        return (int) Math.clamp(Math.min(byDescriptors, byHeap), 1, Integer.MAX_VALUE);
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
