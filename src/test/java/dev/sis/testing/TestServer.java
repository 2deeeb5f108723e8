package dev.sis.testing;

import dev.sis.App;
import dev.sis.config.CacheConfig;
import dev.sis.config.ImageLimits;
import dev.sis.config.ServerConfig;
import dev.sis.config.SisConfig;
import dev.sis.config.StoreConfig;
import dev.sis.config.UploadLimits;
import dev.sis.config.UpstreamConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * A real sis server on a random loopback port over a temporary data directory, for tests that
 * talk to it the way a client would. Close it after the test.
 */
public final class TestServer implements AutoCloseable {
    private final App app;
    private final Path dataDir;
    private final SisConfig config;

    private TestServer(App app, Path dataDir, SisConfig config) {
        this.app = app;
        this.dataDir = dataDir;
        this.config = config;
    }

    /** Default settings, as {@code java -jar sis.jar} with no flags, but on a random port. */
    public static TestServer start(Path dataDir) {
        return start(dataDir, UnaryOperator.identity());
    }

    /** Default settings changed by {@code customize}. */
    public static TestServer start(Path dataDir, UnaryOperator<SisConfig> customize) {
        SisConfig config = customize.apply(defaults(dataDir));
        return new TestServer(App.start(config), dataDir, config);
    }

    /**
     * An agent in front of {@code upstreamUrl}, spooling under {@code spoolDir}, with short
     * upstream timeouts and no retries unless {@code customize} says otherwise.
     */
    public static TestServer startAgent(Path spoolDir, String upstreamUrl, UnaryOperator<SisConfig> customize) {
        SisConfig local = defaults(spoolDir);
        UpstreamConfig upstream = new UpstreamConfig(URI.create(upstreamUrl), Duration.ofSeconds(2),
                Duration.ofSeconds(5), 0, spoolDir);
        SisConfig agent = new SisConfig(local.server(), new StoreConfig(StoreConfig.StoreMode.AGENT, spoolDir, upstream),
                local.cache(), local.upload(), local.image(), local.security());
        SisConfig config = customize.apply(agent);
        return new TestServer(App.start(config), spoolDir, config);
    }

    public static TestServer startAgent(Path spoolDir, TestServer server) {
        return startAgent(spoolDir, server.url(""), UnaryOperator.identity());
    }

    public static SisConfig defaults(Path dataDir) {
        return new SisConfig(
                new ServerConfig("127.0.0.1", 0, Duration.ofSeconds(10)),
                new StoreConfig(StoreConfig.StoreMode.LOCAL, dataDir, null),
                new CacheConfig(100L * 1024 * 1024, CacheConfig.CachePolicy.TINYLFU),
                UploadLimits.defaults(),
                ImageLimits.defaults());
    }

    public App app() {
        return app;
    }

    public SisConfig config() {
        return config;
    }

    public Path dataDir() {
        return dataDir;
    }

    public int port() {
        return app.port();
    }

    /** {@code http://127.0.0.1:PORT} with {@code path} appended. */
    public String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    public TestClient client() {
        return new TestClient(this);
    }

    @Override
    public void close() {
        app.close();
    }
}
