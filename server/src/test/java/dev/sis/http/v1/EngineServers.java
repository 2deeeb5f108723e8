package dev.sis.http.v1;

import dev.sis.config.ImageLimits;
import dev.sis.config.SisConfig;
import dev.sis.testing.Corpus;
import dev.sis.testing.TestImages;
import dev.sis.testing.TestServer;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Servers with exactly the engine a test names (never behind an agent, whatever the suite's
 * engine: the tests of what one engine does need the other too), started when the test asks,
 * stopped and their folders removed after it; and a scratch folder for files handed to outside
 * decoders.
 *
 * <pre>{@code
 * @RegisterExtension
 * final EngineServers servers = new EngineServers();
 * }</pre>
 */
final class EngineServers implements AfterEachCallback {
    private final List<TestServer> started = new ArrayList<>();
    private final List<Path> folders = new ArrayList<>();

    /** A server with exactly {@code engine} and the default limits. */
    TestServer start(SisConfig.EngineChoice engine) {
        return start(engine, ImageLimits.defaults());
    }

    /** A server with exactly {@code engine} and {@code limits}. */
    TestServer start(SisConfig.EngineChoice engine, ImageLimits limits) {
        TestServer server = Answers.start(folder("sis-test-data"), engine, limits);
        started.add(server);
        return server;
    }

    /**
     * The width×height ImageMagick (through libheif for HEIF) decodes {@code encoded} to: a
     * decoder independent of the server's (a test that calls it requires ImageMagick).
     */
    String decodedSize(byte[] encoded, String name) throws IOException {
        Path work = folder("sis-test-decode");
        Path file = work.resolve(name);
        Files.write(file, encoded);
        Path png = work.resolve(name + ".png");
        Corpus.convert(file.toString(), png.toString());
        BufferedImage decoded = TestImages.decode(Files.readAllBytes(png));
        return decoded.getWidth() + "x" + decoded.getHeight();
    }

    /** A fresh folder, removed after the test. */
    Path folder(String prefix) {
        try {
            Path folder = Files.createTempDirectory(prefix);
            folders.add(folder);
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        try {
            for (TestServer server : started) {
                server.close();
            }
        } finally {
            started.clear();
            folders.forEach(TestServer::deleteQuietly);
            folders.clear();
        }
    }
}
