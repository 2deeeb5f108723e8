package dev.sis;

import dev.sis.cli.CommandLineParser;
import dev.sis.cli.ParseResult;
import dev.sis.config.ServerConfig;
import dev.sis.config.SisConfig;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * A sis server running inside this JVM: the public API for embedding sis in a program or a
 * test. It is the server {@code java -jar sis.jar} runs, built by the same code
 * ({@code Main} starts it through this class); only what belongs to a whole process stays with
 * {@code java -jar} (see "What stays with the host" below). docs/clients.md has an example.
 *
 * <pre>{@code
 * try (SisServer sis = SisServer.start("-port", "0", "-host", "127.0.0.1", "-image", dir.toString())) {
 *     URI upload = sis.uri().resolve("/v1/images");   // http://127.0.0.1:PORT/v1/images
 *     …
 * }
 * }</pre>
 *
 * <p><b>Configuration.</b> {@link #start(String...)} takes {@code java -jar}'s flags: what is
 * not given has the command line's default (environment variables are not read, so a host's
 * {@code SIS_…} variables never change an embedded server). {@link #start(SisConfig)} takes the
 * records of {@code dev.sis.config} for full control; {@link #config(String...)} gives the
 * record the flags make, to start from.
 *
 * <p><b>Lifecycle.</b> {@code start} returns once the port is bound, or throws with nothing
 * left running (no thread, no open file, no bound port). {@link #close()} (or {@link #stop()}) stops it gracefully: it stops accepting
 * connections, lets in-flight requests finish for up to the shutdown timeout, then releases
 * the port, its threads and its clients. Closing again does no harm. A stopped server cannot
 * be restarted; start a new one, even on the same port and data directory. Several servers may
 * run at once, each with its own port, store, cache and metrics; two servers must not share a
 * local data directory.
 *
 * <p><b>What stays with the host.</b> An embedded server installs no shutdown hook or signal
 * handler, never calls {@link System#exit}, sets no system property and does not reconfigure
 * logging: it logs through the SLF4J API to whatever the host has set up, and
 * {@code --log-format} applies to {@code java -jar} only. While it runs, its threads keep the
 * JVM alive, as any server's do; once it is closed none of them is left. When libvips is used
 * it stays loaded for the life of the JVM (it cannot be initialised twice), with sis's
 * process-wide settings: no operation cache, one thread per operation, untrusted loaders blocked.
 *
 * <p>Thread-safe: any thread may call any method.
 */
public final class SisServer implements AutoCloseable {
    private final App app;
    private final int port;
    private final URI uri;

    private SisServer(App app, ServerConfig config) {
        this.app = app;
        this.port = app.port(); // Jetty forgets it once stopped
        this.uri = URI.create("http://" + reachableHost(config.host()) + ":" + port);
    }

    /**
     * Starts a server with {@code config} and returns once its port is bound.
     *
     * @throws IllegalStateException when it cannot listen ({@code cannot listen on HOST:PORT: the
     *                               port is taken…}, checked before anything is built) or libvips was
     *                               asked for and cannot be loaded
     * @throws java.io.UncheckedIOException when the store cannot be opened
     *                               ({@code cannot open the store: …})
     */
    public static SisServer start(SisConfig config) {
        ListenCheck.verify(config.server());
        return new SisServer(App.start(config), config.server());
    }

    /**
     * Starts a server configured as {@code java -jar sis.jar FLAGS…} would be, without reading
     * the environment; see {@link #config(String...)}.
     *
     * @throws InvalidConfigurationException when a flag is unknown or has a bad value
     * @throws IllegalStateException         when the server cannot start, as {@link #start(SisConfig)}
     * @throws java.io.UncheckedIOException  when the store cannot be opened, as {@link #start(SisConfig)}
     */
    public static SisServer start(String... flags) {
        return start(config(flags));
    }

    /**
     * The configuration {@code java -jar sis.jar FLAGS…} runs with when no {@code SIS_…}
     * variable is set: no flags at all give every default (port 3333 on all interfaces, files
     * in {@code ./image}). Flags take the command line's syntax ({@code -port 0},
     * {@code --port=0}, {@code -localStore=false}).
     *
     * @throws InvalidConfigurationException listing every problem, each naming its flag; also
     *                                       for {@code --help} and {@code --version}, which
     *                                       configure nothing
     */
    public static SisConfig config(String... flags) {
        return switch (CommandLineParser.parse(flags.clone(), Map.of())) {
            case ParseResult.Run(SisConfig config) -> config;
            case ParseResult.Invalid(List<String> problems, String usage) -> throw new InvalidConfigurationException(problems);
            case ParseResult.Help help -> throw new InvalidConfigurationException(
                    List.of("--help prints the usage; it does not configure a server"));
            case ParseResult.Version version -> throw new InvalidConfigurationException(
                    List.of("--version prints the version; it does not configure a server"));
        };
    }

    /**
     * The TCP port the server listens on (or listened on, once stopped): the configured one, or
     * the one picked for port 0.
     */
    public int port() {
        return port;
    }

    /**
     * The server's base URL, like {@code http://127.0.0.1:PORT}: the configured host, or the
     * loopback address when it listens on every interface. Resolve routes against it:
     * {@code uri().resolve("/v1/images")}.
     */
    public URI uri() {
        return uri;
    }

    /** Whether {@link #close()} has finished. */
    public boolean isStopped() {
        return app.isStopped();
    }

    /** Blocks until the server has stopped, that is until another thread's {@link #close()} is done. */
    public void awaitStop() throws InterruptedException {
        app.awaitStop();
    }

    /** The same as {@link #close()}. */
    public void stop() {
        close();
    }

    /**
     * Stops the server gracefully and waits until it has: no new connections, in-flight
     * requests finish (up to the configured shutdown timeout; then they are cut), then the port,
     * threads and store clients are released. Idempotent; a concurrent second call returns at once.
     */
    @Override
    public void close() {
        app.close();
    }

    @Override
    public String toString() {
        return "SisServer[" + uri + (isStopped() ? ", stopped" : "") + "]";
    }

    /** A host to connect to: the wildcard addresses mean "every interface", of which loopback is one. */
    private static String reachableHost(String host) {
        return switch (host) {
            case "0.0.0.0", "" -> "127.0.0.1";
            case "::", "::0", "[::]" -> "[::1]";
            default -> host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        };
    }
}
