package dev.sis;

import static dev.sis.EmbeddedClient.onLoopback;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.management.UnixOperatingSystemMXBean;
import dev.sis.testing.S3TestServer;
import dev.sis.testing.TestImages;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an embedded server leaves in the JVM once it is stopped, or once it failed to start: no
 * thread (counted by name, not timed) and no open file, in each store mode.
 */
class SisServerResourcesTest {
    @TempDir
    Path first;
    @TempDir
    Path second;
    @AutoClose
    private final EmbeddedClient client = new EmbeddedClient();

    @Test
    void aTakenPortFailsWithTheAddressAndLeavesNoThreadBehind() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            var before = ThreadCensus.take();
            assertThatThrownBy(() -> SisServer.start(onLoopback(first, port)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("cannot listen on 127.0.0.1:" + port + ": the port is taken by another process "
                            + "(Address already in use); stop it, or give -port another port");
            assertThat(before.startedSinceAndStillRunning()).isEmpty();
        }
    }

    @Test
    void aStoreThatCannotBeOpenedFailsAndLeavesNoThreadBehind() throws Exception {
        Path notADirectory = Files.writeString(first.resolve("file"), "x");
        var before = ThreadCensus.take();
        assertThatThrownBy(() -> SisServer.start(onLoopback(notADirectory.resolve("data"), 0)))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageStartingWith("cannot open the store: ");
        assertThat(before.startedSinceAndStillRunning()).isEmpty();
    }

    @Test
    void aStoppedServerLeavesNoThreadBehind() throws Exception {
        var before = ThreadCensus.take();
        try (SisServer sis = SisServer.start(onLoopback(first, 0))) {
            client.upload(sis, "cat.png", TestImages.png(16, 16));
            assertThat(before.startedSince()).as("the server's own threads, while it runs").isNotEmpty();
        }
        assertThat(before.startedSinceAndStillRunning()).isEmpty();
    }

    /**
     * Variants made (by libvips where it is installed: its workers read the file through a Java
     * callback) and a decode stopped at its deadline leave no thread of sis's behind either.
     */
    @Test
    void aServerThatMadeVariantsLeavesNoThreadBehind() throws Exception {
        var before = ThreadCensus.take();
        try (SisServer sis = SisServer.start("-port", "0", "-host", "127.0.0.1", "-image", first.toString(),
                "--decode-timeout", "1s", "--max-jpeg-scans", "1000000")) {
            String photo = client.upload(sis, "photo.jpg", TestImages.jpeg(1600, 1200));
            String bomb = client.upload(sis, "bomb.jpg", dev.sis.testing.HostileImages.progressiveJpegScanBomb(7000, 7000, 20_000));
            assertThat(client.get(sis, "/v1/images/" + photo + "?w=300").statusCode()).isEqualTo(200);
            // 1000 px: shrunk on load at 1/4 by the Java engine, every AC scan decoded (at 1/8 they are skipped)
            assertThat(client.get(sis, "/v1/images/" + bomb + "?w=1000").statusCode()).isEqualTo(422);
        }
        assertThat(before.startedSinceAndStillRunning()).isEmpty();
    }

    @Test
    void aStoppedAgentAndItsServerLeaveNoThreadBehind() throws Exception {
        var before = ThreadCensus.take();
        byte[] png = TestImages.png(24, 24);
        try (SisServer server = SisServer.start(onLoopback(first, 0));
             SisServer agent = SisServer.start("-port", "0", "-host", "127.0.0.1", "-localStore=false",
                     "-upstream", server.uri().toString(), "-spool-dir", second.toString(), "-cache", "0")) {
            String md5 = client.upload(agent, "cat.png", png);
            assertThat(client.get(server, "/v1/images/" + md5).body()).as("kept by the server").isEqualTo(png);
            assertThat(client.get(agent, "/v1/images/" + md5).body()).as("read back through the agent").isEqualTo(png);
        }
        assertThat(before.startedSinceAndStillRunning()).isEmpty();
    }

    @Test
    void aStoppedServerLeavesNoFileOpen() throws Exception {
        byte[] png = TestImages.png(32, 32);
        uploadAndResizeOnANewServer(first, png); // the JVM opens the jars and libraries it needs once
        long before = openFiles();

        uploadAndResizeOnANewServer(second, png);

        assertThat(openFiles()).isEqualTo(before);
    }

    @Test
    void aStoppedServerOnABucketLeavesNoThreadBehind() throws Exception {
        try (S3TestServer s3 = S3TestServer.start(second)) {
            s3.createBucket("images");
            var before = ThreadCensus.take();
            try (SisServer sis = SisServer.start("-port", "0", "-host", "127.0.0.1", "--store", "s3://images/sis",
                    "--s3-endpoint", s3.endpoint().toString(), "--s3-path-style", "--spool-dir", first.toString())) {
                byte[] png = TestImages.png(20, 20);
                String md5 = client.upload(sis, "cat.png", png);
                assertThat(client.get(sis, "/v1/images/" + md5 + "?w=10").statusCode()).isEqualTo(200);
            }
            // The AWS SDK's one scheduler for the whole JVM (a static daemon thread), started by the
            // first S3 read in this JVM: the SDK offers no way to stop it.
            assertThat(before.startedSinceAndStillRunning()).isSubsetOf("response-input-stream-timeout-scheduler (daemon)");
        }
    }

    /** A server's whole life with a client of its own, closed before the server. */
    private static void uploadAndResizeOnANewServer(Path dataDir, byte[] image) throws Exception {
        try (SisServer sis = SisServer.start(onLoopback(dataDir, 0));
             EmbeddedClient ownClient = new EmbeddedClient()) {
            String md5 = ownClient.upload(sis, "a.png", image);
            assertThat(ownClient.get(sis, "/v1/images/" + md5 + "?w=8").statusCode()).isEqualTo(200);
        }
    }

    private static long openFiles() {
        return ((UnixOperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getOpenFileDescriptorCount();
    }
}
