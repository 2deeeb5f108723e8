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
 */
public record ServerConfig(String host, int port, Duration shutdownTimeout, ConnectionLimits connections) {
    public ServerConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
        Objects.requireNonNull(connections, "connections");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be from 0 to 65535, got " + port);
        }
        if (shutdownTimeout.isNegative()) {
            throw new IllegalArgumentException("shutdownTimeout must not be negative");
        }
    }

    /** With the default connection limits. */
    public ServerConfig(String host, int port, Duration shutdownTimeout) {
        this(host, port, shutdownTimeout, ConnectionLimits.defaults());
    }

    public ServerConfig withConnections(ConnectionLimits limits) {
        return new ServerConfig(host, port, shutdownTimeout, limits);
    }
}
