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
 */
public record ServerConfig(String host, int port, Duration shutdownTimeout, ConnectionLimits connections,
                           AccessLogConfig accessLog) {
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
        return new ServerConfig(host, port, shutdownTimeout, limits, accessLog);
    }

    public ServerConfig withAccessLog(AccessLogConfig log) {
        return new ServerConfig(host, port, shutdownTimeout, connections, log);
    }
}
