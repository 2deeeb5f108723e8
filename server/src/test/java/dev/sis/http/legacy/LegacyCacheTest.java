package dev.sis.http.legacy;

import static dev.sis.testing.TestImages.md5Hex;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.cache.ImageCache;
import dev.sis.config.CacheConfig;
import dev.sis.config.SisConfig;
import dev.sis.image.EncodedImage;
import dev.sis.testing.Multipart;
import dev.sis.testing.TestClient;
import dev.sis.testing.TestImages;
import dev.sis.testing.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The memory cache as sis 2.0 had it (FIFO policy): uploads go in as they are stored, scaled
 * images when made, the oldest leave first, and an entry over the whole budget is not kept.
 * What the cache holds is observed by overwriting the stored files behind the server's back:
 * what still comes back as it was came from the cache. (The files must stay: the server checks
 * that an original exists before it serves it from the cache, so that a deleted image is gone.)
 */
class LegacyCacheTest {
    private static final int SIZE = 20_000;

    @TempDir
    Path dir;

    private TestServer start(long budget) {
        return TestServer.start(dir, config -> new SisConfig(config.server(), config.store(),
                new CacheConfig(budget, CacheConfig.CachePolicy.FIFO), config.upload(), config.image()));
    }

    /** A JPEG padded with zeros to exactly {@code size} bytes: a valid upload of a known weight. */
    private static byte[] jpegOfSize(int size, long seed) {
        byte[] jpeg = TestImages.jpeg(40, 30, seed);
        assertThat(jpeg.length).isLessThan(size);
        return Arrays.copyOf(jpeg, size);
    }

    private static final byte[] OVERWRITTEN = "overwritten behind the server's back".getBytes(StandardCharsets.UTF_8);

    private void overwriteStoredFiles(TestServer server) {
        // a variant or an analysis landing after the walk would be read back unchanged, as a cache hit would
        server.awaitBackgroundWrites();
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path entry : entries.filter(p -> !p.getFileName().toString().equals(".staging")).toList()) {
                try (Stream<Path> walk = Files.walk(entry)) {
                    for (Path p : walk.filter(Files::isRegularFile).toList()) {
                        Files.write(p, OVERWRITTEN);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Not from the cache: the overwritten bytes from the store, or, through an agent, its
     * refusal of them ({@code 502}), since they are not the MD5 they are stored under.
     */
    private static void assertReadFromTheStore(TestClient client, String md5) {
        HttpResponse<byte[]> answer = client.get("/simple_down?md5=" + md5);
        if (TestServer.throughAgent()) {
            assertThat(answer.statusCode()).isEqualTo(502);
        } else {
            assertThat(answer.body()).isEqualTo(OVERWRITTEN);
        }
    }

    private static void upload(TestClient client, String name, byte[] content) {
        assertThat(client.post("/up", new Multipart().file("file", name, content)).statusCode()).isEqualTo(200);
    }

    @Test
    void anUploadedFileGoesIntoTheCacheAsItIsStored() {
        byte[] jpeg = jpegOfSize(SIZE, 1);
        try (TestServer server = start(10L * SIZE)) {
            TestClient client = server.client();
            upload(client, "a.jpg", jpeg);
            overwriteStoredFiles(server);

            assertThat(client.get("/simple_down?md5=" + md5Hex(jpeg)).body()).isEqualTo(jpeg);
        }
    }

    @Test
    void aFileLargerThanTheWholeBudgetIsNotCached() {
        byte[] small = jpegOfSize(SIZE, 2);
        byte[] large = jpegOfSize(3 * SIZE, 3);
        try (TestServer server = start(2L * SIZE)) {
            TestClient client = server.client();
            upload(client, "small.jpg", small);
            upload(client, "large.jpg", large);
            assertThat(client.get("/simple_down?md5=" + md5Hex(large)).body()).isEqualTo(large);
            overwriteStoredFiles(server);

            assertReadFromTheStore(client, md5Hex(large));
            assertThat(client.get("/simple_down?md5=" + md5Hex(small)).body()).isEqualTo(small);
        }
    }

    @Test
    void whenTheBudgetIsFullTheOldestEntryGoesFirstHowEverOftenItIsRead() {
        byte[] a = jpegOfSize(SIZE, 4);
        byte[] b = jpegOfSize(SIZE, 5);
        byte[] c = jpegOfSize(SIZE, 6);
        long twoEntries = 2L * (SIZE + ImageCache.ENTRY_OVERHEAD) + SIZE / 2;
        try (TestServer server = start(twoEntries)) {
            TestClient client = server.client();
            upload(client, "a.jpg", a);
            upload(client, "b.jpg", b);
            for (int i = 0; i < 5; i++) {
                assertThat(client.get("/simple_down?md5=" + md5Hex(a)).statusCode()).isEqualTo(200);
            }
            upload(client, "c.jpg", c);
            overwriteStoredFiles(server);

            assertReadFromTheStore(client, md5Hex(a));
            assertThat(client.get("/simple_down?md5=" + md5Hex(b)).body()).isEqualTo(b);
            assertThat(client.get("/simple_down?md5=" + md5Hex(c)).body()).isEqualTo(c);
        }
    }

    @Test
    void aScaledImageGoesIntoTheCacheWhenMade() {
        byte[] png = TestImages.png(64, 48);
        try (TestServer server = start(10L * 1024 * 1024)) {
            TestClient client = server.client();
            upload(client, "p.png", png);
            byte[] made = client.get("/stretch_simple_down?md5=" + md5Hex(png) + "&w=20&h=10").body();
            long madeCount = server.app().service().variantsMade();
            overwriteStoredFiles(server);

            assertThat(client.get("/stretch_simple_down?md5=" + md5Hex(png) + "&w=20&h=10").body()).isEqualTo(made);
            assertThat(server.app().service().variantsMade()).isEqualTo(madeCount);
        }
    }
}
