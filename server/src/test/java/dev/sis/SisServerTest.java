package dev.sis;

import static dev.sis.EmbeddedClient.onLoopback;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sis.config.ServerConfig;
import dev.sis.config.SisConfig;
import dev.sis.config.StoreConfig;
import dev.sis.testing.TestImages;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedding API over real HTTP: servers side by side in this JVM, stopped and started
 * again, configured by flags or records, bad flags. {@link SisServerResourcesTest} checks what
 * a stopped server leaves behind in this JVM, {@link EmbeddedExitTest} in a JVM of its own.
 */
class SisServerTest {
    @TempDir
    Path first;
    @TempDir
    Path second;
    @AutoClose
    private final EmbeddedClient client = new EmbeddedClient();

    @Test
    void twoServersAtOnceKeepTheirOwnFilesAndAServerStartedAgainOnThePortFindsThem() throws Exception {
        byte[] png = TestImages.png(40, 30);
        SisServer a = SisServer.start(onLoopback(first, 0));
        SisServer b = SisServer.start(SisServer.config(onLoopback(second, 0)));
        String md5;
        try {
            assertThat(a.port()).isNotEqualTo(b.port()).isPositive();
            md5 = client.upload(a, "cat.png", png);
            assertThat(md5).isEqualTo(TestImages.md5Hex(png));
            assertThat(client.get(a, "/v1/images/" + md5).body()).isEqualTo(png);
            assertThat(client.get(b, "/v1/images/" + md5).statusCode()).as("not on the other server").isEqualTo(404);
        } finally {
            a.close();
            b.close();
        }
        assertThat(a.isStopped()).isTrue();
        a.stop(); // a second stop is harmless
        b.close();

        int port = a.port();
        try (SisServer again = SisServer.start(onLoopback(first, port));
             EmbeddedClient fresh = new EmbeddedClient()) { // the old client's connections went with the old server
            assertThat(again.port()).isEqualTo(port);
            assertThat(again.uri()).isEqualTo(URI.create("http://127.0.0.1:" + port));
            HttpResponse<byte[]> answer = fresh.get(again, "/v1/images/" + md5);
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).isEqualTo(png);
        }
    }

    @Test
    void aServerOnEveryInterfaceIsReachedThroughLoopback() throws Exception {
        try (SisServer sis = SisServer.start("-port", "0", "-image", first.toString())) {
            assertThat(sis.uri()).isEqualTo(URI.create("http://127.0.0.1:" + sis.port()));
            assertThat(client.get(sis, "/healthz").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aConfigurationMadeOfRecordsStartsAndStopsAsWell() throws Exception {
        SisConfig flags = SisServer.config("-image", first.toString());
        SisConfig config = new SisConfig(new ServerConfig("127.0.0.1", 0, Duration.ofSeconds(5)), flags.store(),
                flags.cache(), flags.upload(), flags.image(), flags.security(), flags.logFormat(), flags.imageEngine());
        try (SisServer sis = SisServer.start(config)) {
            assertThat(client.upload(sis, "dog.png", TestImages.png(8, 8))).hasSize(32);
        }
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
        assertThat(defaults.store()).isEqualTo(new StoreConfig.Local(Path.of("image")));
        assertThat(defaults.cache().budgetBytes()).isEqualTo(100L << 20);
        assertThat(defaults.imageEngine()).isEqualTo(SisConfig.EngineChoice.AUTO);
    }
}
