package dev.sis.config;

import java.time.Duration;
import java.util.Objects;

/**
 * Where the HTTP server listens, what clients' connections may hold, and how long it drains
 * in-flight requests on shutdown.
 *
 * @param host            interface to bind; {@code 0.0.0.0} means all interfaces
 * @param port            TCP port; {@code 0} picks a free port (tests, embedding)
 * @param shutdownTimeout how long a graceful stop waits for in-flight requests
 * @param connections     deadlines and the cap on connections
 * @param accessLog       where access lines go and whose {@code X-Forwarded-For} to believe
 * @param warmUp          how long requests to a private instance warm the JIT up before
 *                        {@code /readyz} says ready ({@code dev.sis.WarmUp}); zero: none
 */
public record ServerConfig(String host, int port, Duration shutdownTimeout, ConnectionLimits connections,
                           AccessLogConfig accessLog, Duration warmUp) {
    /** The longest warm-up: what JIT compilation needs is a second or two (docs/performance.md). */
    public static final Duration MAX_WARM_UP = Duration.ofMinutes(1);

    public ServerConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
        Objects.requireNonNull(connections, "connections");
        Objects.requireNonNull(accessLog, "accessLog");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be from 0 to 65535, got " + port);
        }
        if (shutdownTimeout.isNegative()) {
            throw new IllegalArgumentException("shutdownTimeout must not be negative");
        }
        Objects.requireNonNull(warmUp, "warmUp");
        if (warmUp.isNegative() || warmUp.compareTo(MAX_WARM_UP) > 0) {
            throw new IllegalArgumentException("warmUp must be from 0 to " + MAX_WARM_UP + ", got " + warmUp);
        }
    }

    /**
     * Without a warm-up: what embedding code and tests get unless they ask for one (the command
     * line's default has one).
     */
    public ServerConfig(String host, int port, Duration shutdownTimeout, ConnectionLimits connections,
                        AccessLogConfig accessLog) {
        this(host, port, shutdownTimeout, connections, accessLog, Duration.ZERO);
    }

    /** With the default access log. */
    public ServerConfig(String host, int port, Duration shutdownTimeout, ConnectionLimits connections) {
        this(host, port, shutdownTimeout, connections, AccessLogConfig.defaults());
    }

    /** With the default connection limits and access log. */
    public ServerConfig(String host, int port, Duration shutdownTimeout) {
        this(host, port, shutdownTimeout, ConnectionLimits.defaults());
    }

    public ServerConfig withConnections(ConnectionLimits limits) {
        return new ServerConfig(host, port, shutdownTimeout, limits, accessLog, warmUp);
    }

    public ServerConfig withAccessLog(AccessLogConfig log) {
        return new ServerConfig(host, port, shutdownTimeout, connections, log, warmUp);
    }

    public ServerConfig withWarmUp(Duration duration) {
        return new ServerConfig(host, port, shutdownTimeout, connections, accessLog, duration);
    }
}
