package dev.sis.testing;

import dev.sis.App;
import dev.sis.config.CacheConfig;
import dev.sis.config.ImageLimits;
import dev.sis.config.RemoteLimits;
import dev.sis.config.SecurityConfig;
import dev.sis.config.ServerConfig;
import dev.sis.config.SisConfig;
import dev.sis.config.StoreConfig;
import dev.sis.config.UploadLimits;
import dev.sis.config.UpstreamConfig;
import dev.sis.service.ImageService;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A real sis server on a random loopback port over a temporary data directory, for tests that
 * talk to it the way a client would. Close it after the test, or let {@link SisServerExtension}
 * start and close it.
 *
 * <p>With the system property {@code sis.test.topology=agent} (set by the build's
 * {@code through-agent} test run), {@link #start(Path, UnaryOperator)} starts a server with an
 * agent in front of it, both with the test's settings, and clients talk to the agent: the same
 * tests then check that an agent behaves exactly like a server. {@link #app()} is the node the
 * clients talk to; {@link #dataDir()} is where the files end up.
 */
public final class TestServer implements AutoCloseable {
    /** How long {@link #awaitBackgroundWrites()} waits: far more than a few small writes take on a loaded machine. */
    private static final Duration BACKGROUND_WRITES = Duration.ofSeconds(20);

    private final App app;
    private final Path dataDir;
    private final SisConfig config;
    private final App upstream;
    private final Path spool;

    private TestServer(App app, Path dataDir, SisConfig config) {
        this(app, dataDir, config, null, null);
    }

    private TestServer(App app, Path dataDir, SisConfig config, App upstream, Path spool) {
        this.app = app;
        this.dataDir = dataDir;
        this.config = config;
        this.upstream = upstream;
        this.spool = spool;
    }

    /** Whether this run puts an agent in front of every server started with {@link #start}. */
    public static boolean throughAgent() {
        return "agent".equals(System.getProperty("sis.test.topology"));
    }

    /** Default settings, as {@code java -jar sis.jar} with no flags, but on a random port. */
    public static TestServer start(Path dataDir) {
        return start(dataDir, UnaryOperator.identity());
    }

    /** Default settings changed by {@code customize}. */
    public static TestServer start(Path dataDir, UnaryOperator<SisConfig> customize) {
        SisConfig config = withTestEngine(customize.apply(defaults(dataDir)));
        if (!throughAgent()) {
            return new TestServer(App.start(config), dataDir, config);
        }
        config = withInternalToken(config);
        App server = App.start(config);
        try {
            Path spool = Files.createTempDirectory("sis-test-spool");
            UpstreamConfig upstream = new UpstreamConfig(URI.create("http://127.0.0.1:" + server.port()),
                    new RemoteLimits(Duration.ofSeconds(2), Duration.ofSeconds(30), 0, spool));
            SisConfig agentConfig = new SisConfig(
                    new ServerConfig("127.0.0.1", 0, config.server().shutdownTimeout(), config.server().connections()),
                    new StoreConfig.Agent(upstream),
                    config.cache(), config.upload(), config.image(), config.security(), config.logFormat(),
                    config.imageEngine(), config.features()); // the agent answers the tests: presets, watermark
            return new TestServer(App.start(agentConfig), dataDir, agentConfig, server, spool);
        } catch (IOException | RuntimeException e) {
            server.close();
            throw new IllegalStateException("cannot start the agent", e);
        }
    }

    /**
     * An agent in front of {@code upstreamUrl}, spooling under {@code spoolDir}, with short
     * upstream timeouts and no retries unless {@code customize} says otherwise.
     */
    public static TestServer startAgent(Path spoolDir, String upstreamUrl, UnaryOperator<SisConfig> customize) {
        SisConfig local = defaults(spoolDir);
        UpstreamConfig upstream = new UpstreamConfig(URI.create(upstreamUrl),
                new RemoteLimits(Duration.ofSeconds(2), Duration.ofSeconds(5), 0, spoolDir));
        SisConfig agent = new SisConfig(local.server(), new StoreConfig.Agent(upstream),
                local.cache(), local.upload(), local.image(), local.security());
        SisConfig config = withTestEngine(customize.apply(agent));
        return new TestServer(App.start(config), spoolDir, config);
    }

    /** An agent in front of {@code server}, with the server's internal token (if it has one). */
    public static TestServer startAgent(Path spoolDir, TestServer server) {
        return startAgent(spoolDir, server.url(""), c -> withInternalToken(c, server.config().security().internalToken()));
    }

    /** {@code c} with {@code token} as its internal token ({@code null}: none). */
    public static SisConfig withInternalToken(SisConfig c, String token) {
        SecurityConfig s = c.security();
        return new SisConfig(c.server(), c.store(), c.cache(), c.upload(), c.image(), new SecurityConfig(token,
                s.uploadToken(), s.adminToken(), s.signingKey(), s.sizes(), s.corsOrigins()), c.logFormat(), c.imageEngine(),
                c.features());
    }

    /** A server with exactly {@code config}, never behind an agent (for tests of a topology of their own). */
    public static TestServer startWith(SisConfig config) {
        Path dataDir = config.store() instanceof StoreConfig.Local local ? local.dataDir() : null;
        return new TestServer(App.start(config), dataDir, config);
    }

    public static SisConfig defaults(Path dataDir) {
        return withTestEngine(new SisConfig(
                // No drain wait: a stop would otherwise wait about a second for the test client's
                // idle keep-alive connection. Draining is tested on a real process (GracefulShutdownTest).
                new ServerConfig("127.0.0.1", 0, Duration.ZERO),
                new StoreConfig.Local(dataDir),
                new CacheConfig(100L * 1024 * 1024, CacheConfig.CachePolicy.TINYLFU),
                UploadLimits.defaults(),
                ImageLimits.defaults()));
    }

    /**
     * The image suite runs again with libvips where it is installed ({@code sis.test.engine=vips}):
     * then every server a test starts uses it, whatever its customised configuration says.
     */
    private static SisConfig withTestEngine(SisConfig c) {
        if (!"vips".equals(System.getProperty("sis.test.engine"))) {
            return c;
        }
        return new SisConfig(c.server(), c.store(), c.cache(), c.upload(), c.image(), c.security(), c.logFormat(),
                SisConfig.EngineChoice.VIPS, c.features());
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

    /**
     * The agent topology gives both nodes an internal token, as a deployment that wants its
     * agents' variants kept by the server does (without it the server takes none from them, and
     * a server with an upload or admin token keeps its store routes off): so every variant the
     * suites make is checked and stored by the server.
     */
    private static SisConfig withInternalToken(SisConfig c) {
        return c.security().internalToken() != null ? c : withInternalToken(c, "test-internal-token-0123456789");
    }

    /** The node that keeps the files: the server behind the agent, or {@link #app()} itself. */
    public App storageApp() {
        return upstream == null ? app : upstream;
    }

    /**
     * Returns once the writes sis makes after its answers have landed, on every node: the agent
     * and the server behind it, or the one node. Those are the variants stored after their answer
     * ({@code variants().awaitWrites}) and each upload's post-upload work
     * ({@code postUpload().idle()}), whose analysis stores a sidecar and whose eager presets are
     * variants. On a local store each of them stages its file in {@code <data dir>/.staging}
     * before linking it into place, so a test that looks at the data directory right after an
     * upload or a resize (an empty {@code .staging}, the stored files listed or counted) can see
     * a write in flight and fail at random: it calls this first. Fails after 20 s.
     */
    public void awaitBackgroundWrites() {
        // The agent first: the variants it makes are stored through its server.
        List<App> nodes = upstream == null ? List.of(app) : List.of(app, upstream);
        try {
            Eventually.await(BACKGROUND_WRITES, "the writes after the answers (post-upload work, variants) done",
                    () -> {
                        for (App node : nodes) {
                            if (!writesDone(node.service())) {
                                return false;
                            }
                        }
                        return true;
                    });
        } catch (AssertionError timedOut) {
            throw new AssertionError(timedOut.getMessage() + "; still under way: " + writesUnderWay(nodes), timedOut);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the writes after the answers", e);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The post-upload work first: the eager presets it makes are variants, stored after it. */
    private static boolean writesDone(ImageService service) throws InterruptedException {
        return service.postUpload().idle() && service.variants().awaitWrites(Duration.ofMillis(100));
    }

    /** For the failure message: which node still has which kind of write under way. */
    private static String writesUnderWay(List<App> nodes) {
        List<String> busy = new ArrayList<>();
        for (App node : nodes) {
            ImageService service = node.service();
            String name = service.filesKeptUpstream() ? "the agent's " : "the server's ";
            if (!service.postUpload().idle()) {
                busy.add(name + "post-upload work");
            }
            try {
                if (!service.variants().awaitWrites(Duration.ZERO)) {
                    busy.add(name + "variant writes");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return busy.isEmpty() ? "nothing any more" : String.join(", ", busy);
    }

    @Override
    public void close() {
        app.close();
        if (upstream != null) {
            upstream.close();
            deleteQuietly(spool);
        }
    }

    public static void deleteQuietly(Path dir) {
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // A leftover temp folder is harmless.
        }
    }
}
