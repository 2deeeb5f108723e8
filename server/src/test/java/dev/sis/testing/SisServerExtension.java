package dev.sis.testing;

import dev.sis.config.SisConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A {@link TestServer} for the tests of a class, over a data directory of its own that is
 * removed afterwards:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final SisServerExtension sis = SisServerExtension.perClass();
 * }</pre>
 *
 * {@link #perClass} starts one server for all the tests of the class (they must not depend on
 * what the others stored); {@link #perTest} a fresh one for each test, for tests that count
 * the files stored, break the store or change the server. Registered on an instance field,
 * either starts one per test. Through {@link TestServer#start}, so the build's
 * {@code through-agent} run puts an agent in front of it as it does for every test server.
 */
public final class SisServerExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback {
    private final UnaryOperator<SisConfig> customize;
    private final boolean perTest;
    private TestServer server;
    private TestClient client;
    private Path dataDir;
    private boolean startedForOneTest;

    private SisServerExtension(UnaryOperator<SisConfig> customize, boolean perTest) {
        this.customize = customize;
        this.perTest = perTest;
    }

    /** One server with the default settings for all the tests of the class. */
    public static SisServerExtension perClass() {
        return perClass(UnaryOperator.identity());
    }

    /** One server with the default settings changed by {@code customize}, for all the tests of the class. */
    public static SisServerExtension perClass(UnaryOperator<SisConfig> customize) {
        return new SisServerExtension(customize, false);
    }

    /** A fresh server with the default settings for each test. */
    public static SisServerExtension perTest() {
        return perTest(UnaryOperator.identity());
    }

    /** A fresh server with the default settings changed by {@code customize}, for each test. */
    public static SisServerExtension perTest(UnaryOperator<SisConfig> customize) {
        return new SisServerExtension(customize, true);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (!perTest) {
            start();
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (server == null) {
            start();
            startedForOneTest = true;
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (startedForOneTest) {
            stop();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    public TestServer server() {
        if (server == null) {
            throw new IllegalStateException("the server runs only during the tests of the class");
        }
        return server;
    }

    /** A client of {@link #server()}, one for all the tests it serves. */
    public TestClient client() {
        server();
        return client;
    }

    /** Where the server keeps its files. */
    public Path dataDir() {
        return server().dataDir();
    }

    /** {@code http://127.0.0.1:PORT} with {@code path} appended. */
    public String url(String path) {
        return server().url(path);
    }

    private void start() {
        try {
            dataDir = Files.createTempDirectory("sis-test-data");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server = TestServer.start(dataDir, customize);
        client = server.client();
    }

    private void stop() {
        startedForOneTest = false;
        if (server == null) {
            return;
        }
        try {
            server.close();
        } finally {
            server = null;
            client = null;
            TestServer.deleteQuietly(dataDir);
        }
    }
}
