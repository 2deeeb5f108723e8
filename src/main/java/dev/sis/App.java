package dev.sis;

import dev.sis.config.SisConfig;

/**
 * Builds the application from its configuration in one explicit place and runs it.
 * (Skeleton: wiring lands with the HTTP layer.)
 */
public final class App implements AutoCloseable {
    private final SisConfig config;

    private App(SisConfig config) {
        this.config = config;
    }

    /** Builds every component from {@code config} and starts serving. Returns once the port is bound. */
    public static App start(SisConfig config) {
        return new App(config);
    }

    /** The port actually bound (useful when the configured port is 0). */
    public int port() {
        return config.server().port();
    }

    /** Blocks until the server has stopped (after {@link #close()} or a shutdown signal). */
    public void awaitStop() throws InterruptedException {
    }

    /** Stops gracefully: in-flight requests finish (up to the shutdown timeout), then resources close. */
    @Override
    public void close() {
    }
}
