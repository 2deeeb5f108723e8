package dev.sis.reliability;

import static dev.sis.testing.TestClient.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.config.CacheConfig;
import dev.sis.config.SisConfig;
import dev.sis.testing.Multipart;
import dev.sis.testing.Prerequisite;
import dev.sis.testing.Requires;
import dev.sis.testing.TestImages;
import dev.sis.testing.TestServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store's disk failing for real, on a 2 MiB tmpfs: full (uploads answered 507 on /v1 and
 * sis 2.0's {@code 500 创建文件失败} on the legacy routes, nothing partial left, earlier files
 * still served, uploads work again once there is room) and read-only (uploads refused, reads
 * served, {@code /readyz} 503 until the disk is writable again). The memory cache is off, so
 * every read comes from the disk. Needs root, to mount the tmpfs. Server only: through an agent
 * these are the server's answers, passed on (see UpstreamFaultTest).
 */
@Tag("server-only")
@Requires(Prerequisite.TMPFS_MOUNT)
class StoreFaultTest {
    private static final byte[] EARLIER = TestImages.jpeg(40, 30, 1);
    private static final byte[] EARLIER_LEGACY = TestImages.jpeg(40, 30, 2);

    @TempDir
    Path tmp;
    private TmpfsMount disk;
    private TestServer server;
    private Path store;

    @BeforeEach
    void mountAndStart() throws Exception {
        disk = TmpfsMount.mount(tmp.resolve("disk"), "2m");
        store = disk.dir().resolve("store");
        server = TestServer.start(store, c -> new SisConfig(c.server(), c.store(),
                new CacheConfig(0, CacheConfig.CachePolicy.TINYLFU), c.upload(), c.image(), c.security()));
        assertThat(server.client().put("/v1/images/earlier.jpg", EARLIER).statusCode()).isEqualTo(201);
        assertThat(server.client().post("/up", new Multipart().file("f", "legacy.jpg", EARLIER_LEGACY)).statusCode())
                .isEqualTo(200);
        assertThat(server.client().get("/v1/images/" + TestImages.md5Hex(EARLIER) + "?w=10").statusCode()).isEqualTo(200);
    }

    @AfterEach
    void stopAndUnmount() throws Exception {
        if (server != null) {
            server.close();
        }
        if (disk != null) {
            disk.close();
        }
    }

    @Test
    void aFullDiskIs507OnV1And500OnLegacyWithNothingPartialLeft() throws Exception {
        byte[] big = padded(TestImages.jpeg(40, 30, 3), (int) disk.usableSpace() + 64 * 1024);
        String bigMd5 = TestImages.md5Hex(big);

        HttpResponse<byte[]> put = server.client().put("/v1/images/big.jpg", big);
        assertThat(put.statusCode()).isEqualTo(507);
        assertThat(text(put)).isEqualTo("{\"status\":507,\"error\":\"the store is out of space\"}");
        assertNothingPartialAndEarlierServed();

        byte[] small = TestImages.jpeg(20, 20, 4);
        HttpResponse<byte[]> multipart = server.client().post("/v1/images",
                new Multipart().file("f", "small.jpg", small).file("f", "big.jpg", big));
        assertThat(multipart.statusCode()).isEqualTo(507);
        assertThat(server.client().get("/v1/images/" + TestImages.md5Hex(small)).statusCode())
                .as("a request is stored whole or not at all").isEqualTo(404);
        assertNothingPartialAndEarlierServed();

        HttpResponse<byte[]> up = server.client().post("/up", new Multipart().file("file", "big.jpg", big));
        assertThat(up.statusCode()).isEqualTo(500);
        assertThat(text(up)).isEqualTo("创建文件失败");
        assertThat(up.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertNothingPartialAndEarlierServed();

        HttpResponse<byte[]> direct = server.client().post("/derect_up", new Multipart().file(bigMd5, "big.jpg", big));
        assertThat(direct.statusCode()).isEqualTo(500);
        assertThat(text(direct)).isEqualTo("创建文件失败");
        assertNothingPartialAndEarlierServed();

        assertThat(server.client().get("/v1/images/" + bigMd5).statusCode()).isEqualTo(404);
        assertThat(text(server.client().get("/metrics"))).contains("status=\"507\"");
        assertThat(server.client().put("/v1/images/small.jpg", small).statusCode())
                .as("with the failed upload's staging file gone there is room again").isEqualTo(201);
    }

    @Test
    void withTheDiskFullToTheLastByteReadsAndVariantsAreStillServed() throws Exception {
        fill(disk.dir().resolve("filler"));
        byte[] small = TestImages.jpeg(20, 20, 5);

        HttpResponse<byte[]> put = server.client().put("/v1/images/small.jpg", small);
        assertThat(put.statusCode()).isEqualTo(507);
        HttpResponse<byte[]> up = server.client().post("/up", new Multipart().file("file", "small.jpg", small));
        assertThat(up.statusCode()).isEqualTo(500);
        assertThat(text(up)).isEqualTo("创建文件失败");
        assertNothingPartialAndEarlierServed();
        String md5 = TestImages.md5Hex(EARLIER);
        assertThat(server.client().get("/v1/images/" + md5 + "?w=10").statusCode()).as("a stored variant").isEqualTo(200);
        HttpResponse<byte[]> fresh = server.client().get("/v1/images/" + md5 + "?w=12");
        assertThat(fresh.statusCode()).as("a new variant is made even if it cannot be kept").isEqualTo(200);
        assertThat(TestImages.decode(fresh.body()).getWidth()).isEqualTo(12);
        assertThat(server.client().get("/stretch_simple_down?md5=" + md5 + "&w=13&h=9").statusCode()).isEqualTo(200);
        assertThat(server.client().get("/healthz").statusCode()).isEqualTo(200);
    }

    @Test
    void aReadOnlyStoreRefusesUploadsServesReadsAndRecovers() throws Exception {
        disk.remountReadOnly();
        byte[] small = TestImages.jpeg(20, 20, 6);

        HttpResponse<byte[]> put = server.client().put("/v1/images/small.jpg", small);
        assertThat(put.statusCode()).isEqualTo(500);
        assertThat(text(put)).isEqualTo("{\"status\":500,\"error\":\"the store failed\"}");
        HttpResponse<byte[]> up = server.client().post("/up", new Multipart().file("file", "small.jpg", small));
        assertThat(up.statusCode()).isEqualTo(500);
        assertThat(text(up)).isEqualTo("创建文件失败");
        assertThat(server.client().get("/readyz").statusCode()).isEqualTo(503);
        assertThat(server.client().get("/healthz").statusCode()).isEqualTo(200);
        assertNothingPartialAndEarlierServed();
        String md5 = TestImages.md5Hex(EARLIER);
        assertThat(server.client().get("/v1/images/" + md5 + "?w=10").statusCode()).as("a stored variant").isEqualTo(200);
        assertThat(server.client().get("/v1/images/" + md5 + "?w=14").statusCode())
                .as("a new variant is made even if it cannot be kept").isEqualTo(200);

        disk.remountWritable();
        assertThat(server.client().get("/readyz").statusCode()).isEqualTo(200);
        assertThat(server.client().put("/v1/images/small.jpg", small).statusCode()).isEqualTo(201);
        assertThat(server.client().get("/v1/images/" + TestImages.md5Hex(small)).body()).isEqualTo(small);
    }

    /** Nothing in staging, every stored original complete (its bytes have its MD5), the earlier uploads served. */
    private void assertNothingPartialAndEarlierServed() throws IOException {
        server.awaitBackgroundWrites(); // the earlier uploads' analyses and the variant made in the set-up
        try (Stream<Path> staging = Files.list(store.resolve(".staging"))) {
            assertThat(staging).as("staging files left behind").isEmpty();
        }
        try (Stream<Path> walk = Files.walk(store)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                Path rel = store.relativize(file);
                if (rel.getName(3).toString().equals("src")) {
                    assertThat(TestImages.md5Hex(Files.readAllBytes(file))).as("complete: %s", rel)
                            .isEqualTo(rel.getName(2).toString());
                }
            }
        }
        for (byte[] earlier : List.of(EARLIER, EARLIER_LEGACY)) {
            HttpResponse<byte[]> served = server.client().get("/simple_down?md5=" + TestImages.md5Hex(earlier));
            assertThat(served.statusCode()).isEqualTo(200);
            assertThat(served.body()).isEqualTo(earlier);
        }
    }

    /** A valid JPEG followed by random bytes, {@code size} bytes in all: its header passes the image check. */
    private static byte[] padded(byte[] jpeg, int size) {
        byte[] bytes = java.util.Arrays.copyOf(jpeg, size);
        byte[] noise = new byte[size - jpeg.length];
        new Random(size).nextBytes(noise);
        System.arraycopy(noise, 0, bytes, jpeg.length, noise.length);
        return bytes;
    }

    /** Writes until the file system is full, to the last block. */
    private static void fill(Path filler) throws IOException {
        byte[] chunk = new byte[4096];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(chunk);
            }
        } catch (IOException full) {
            assertThat(full.getMessage()).contains("No space left on device");
        }
    }
}
