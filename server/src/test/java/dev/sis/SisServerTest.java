package dev.sis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sis.config.ServerConfig;
import dev.sis.config.SisConfig;
import dev.sis.config.StoreConfig.StoreMode;
import dev.sis.testing.TestImages;
import com.sun.management.UnixOperatingSystemMXBean;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedding API over real HTTP: servers side by side in this JVM, stopped and started
 * again, a taken port, bad flags. {@link EmbeddedExitTest} checks what a stopped server leaves
 * in a JVM of its own.
 */
class SisServerTest {
    @TempDir
    Path first;
    @TempDir
    Path second;
    /** Its workers are virtual threads, so that the thread counts below see only the server's. */
    private final HttpClient http = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor()).build();

    @AfterEach
    void closeClient() {
        http.close();
    }

    @Test
    void twoServersAtOnceKeepTheirOwnFilesAndAServerStartedAgainOnThePortFindsThem() throws Exception {
        byte[] png = TestImages.png(40, 30);
        SisServer a = SisServer.start(onLoopback(first, 0));
        SisServer b = SisServer.start(SisServer.config(onLoopback(second, 0)));
        String md5;
        try {
            assertThat(a.port()).isNotEqualTo(b.port()).isPositive();
            md5 = upload(a, "cat.png", png);
            assertThat(md5).isEqualTo(TestImages.md5Hex(png));
            assertThat(get(a, "/v1/images/" + md5).body()).isEqualTo(png);
            assertThat(get(b, "/v1/images/" + md5).statusCode()).as("not on the other server").isEqualTo(404);
        } finally {
            a.close();
            b.close();
        }
        assertThat(a.isStopped()).isTrue();
        a.stop(); // a second stop is harmless
        b.close();

        int port = a.port();
        try (SisServer again = SisServer.start(onLoopback(first, port));
             HttpClient fresh = HttpClient.newHttpClient()) { // the old client's connections went with the old server
            assertThat(again.port()).isEqualTo(port);
            assertThat(again.uri()).isEqualTo(URI.create("http://127.0.0.1:" + port));
            HttpResponse<byte[]> answer = fresh.send(HttpRequest.newBuilder(again.uri().resolve("/v1/images/" + md5)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).isEqualTo(png);
        }
    }

    @Test
    void aServerOnEveryInterfaceIsReachedThroughLoopback() throws Exception {
        try (SisServer sis = SisServer.start("-port", "0", "-image", first.toString())) {
            assertThat(sis.uri()).isEqualTo(URI.create("http://127.0.0.1:" + sis.port()));
            assertThat(get(sis, "/healthz").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aConfigurationMadeOfRecordsStartsAndStopsAsWell() throws Exception {
        SisConfig flags = SisServer.config("-image", first.toString());
        SisConfig config = new SisConfig(new ServerConfig("127.0.0.1", 0, Duration.ofSeconds(5)), flags.store(),
                flags.cache(), flags.upload(), flags.image(), flags.security(), flags.logFormat(), flags.imageEngine());
        try (SisServer sis = SisServer.start(config)) {
            assertThat(upload(sis, "dog.png", TestImages.png(8, 8))).hasSize(32);
        }
    }

    @Test
    void aTakenPortFailsWithTheAddressAndLeavesNoThreadBehind() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            var before = ThreadCensus.take();
            assertThatThrownBy(() -> SisServer.start(onLoopback(first, port)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("cannot listen on 127.0.0.1:" + port + ": Address already in use");
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
            upload(sis, "cat.png", TestImages.png(16, 16));
            assertThat(before.startedSince()).as("the server's own threads, while it runs").isNotEmpty();
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
            String md5 = upload(agent, "cat.png", png);
            assertThat(get(server, "/v1/images/" + md5).body()).as("kept by the server").isEqualTo(png);
            assertThat(get(agent, "/v1/images/" + md5).body()).as("read back through the agent").isEqualTo(png);
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
    void badFlagsAreAllReportedEachWithItsFlag() {
        assertThatThrownBy(() -> SisServer.start("-port", "abc", "-cache", "lots", "-nope"))
                .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> assertThat(e.problems()).containsExactly(
                        "--port: must be an integer from 0 to 65535, got \"abc\"",
                        "--cache: must be an integer from 0 to 1048576, got \"lots\"",
                        "unknown flag \"-nope\""))
                .hasMessageStartingWith("invalid sis configuration: --port: must be an integer");
        assertThatThrownBy(() -> SisServer.config("--help"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("--help prints the usage");
    }

    @Test
    void noFlagsGiveTheCommandLinesDefaults() {
        SisConfig defaults = SisServer.config();

        assertThat(defaults.server().host()).isEqualTo("0.0.0.0");
        assertThat(defaults.server().port()).isEqualTo(3333);
        assertThat(defaults.server().shutdownTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(defaults.store().mode()).isEqualTo(StoreMode.LOCAL);
        assertThat(defaults.store().dataDir()).isEqualTo(Path.of("image"));
        assertThat(defaults.cache().budgetBytes()).isEqualTo(100L << 20);
        assertThat(defaults.imageEngine()).isEqualTo(SisConfig.EngineChoice.AUTO);
    }

    /** A server's whole life with a client of its own, closed before the server. */
    private static void uploadAndResizeOnANewServer(Path dataDir, byte[] image) throws Exception {
        try (SisServer sis = SisServer.start(onLoopback(dataDir, 0));
             HttpClient client = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor()).build()) {
            HttpResponse<String> upload = client.send(HttpRequest.newBuilder(sis.uri().resolve("/v1/images/a.png"))
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(image)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(upload.statusCode()).isEqualTo(201);
            HttpResponse<byte[]> variant = client.send(HttpRequest.newBuilder(
                    sis.uri().resolve("/v1/images/" + TestImages.md5Hex(image) + "?w=8")).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(variant.statusCode()).isEqualTo(200);
        }
    }

    private static long openFiles() {
        return ((UnixOperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getOpenFileDescriptorCount();
    }

    private static String[] onLoopback(Path dataDir, int port) {
        return new String[] {"-port", Integer.toString(port), "-host", "127.0.0.1", "-image", dataDir.toString(),
                "-shutdown-timeout", "5s"};
    }

    private String upload(SisServer sis, String name, byte[] bytes) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(sis.uri().resolve("/v1/images/" + name))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        return new ObjectMapper().readTree(answer.body()).get("md5").asText();
    }

    private HttpResponse<byte[]> get(SisServer sis, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(sis.uri().resolve(path)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
