package dev.sis.storage.remote;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.config.SecurityConfig;
import dev.sis.config.SisConfig;
import dev.sis.config.RemoteLimits;
import dev.sis.config.UpstreamConfig;
import dev.sis.config.UpstreamDialect;
import dev.sis.testing.TestServer;
import dev.sis.testing.sis2.Sis2StandIn;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the probe concludes from real servers on loopback, and from the answers other things in
 * between may give: sis in every configuration of its tokens, sis 2.0, and nothing it can trust.
 */
class DialectProbeTest {
    @TempDir
    Path data;
    @TempDir
    Path spool;

    @Test
    void aSisServerIsSisWhateverItsTokens() {
        try (TestServer open = TestServer.startWith(TestServer.defaults(data))) {
            assertThat(probe(open.url(""), null)).isEqualTo(UpstreamDialect.SIS);
        }
        String token = "probe-test-internal-token-0123";
        try (TestServer guarded = TestServer.startWith(TestServer.withInternalToken(TestServer.defaults(data), token))) {
            assertThat(probe(guarded.url(""), "Bearer " + token)).isEqualTo(UpstreamDialect.SIS);
            assertThat(probe(guarded.url(""), null)).as("401 about the token: still sis").isEqualTo(UpstreamDialect.SIS);
        }
        try (TestServer off = TestServer.startWith(withAdminToken(TestServer.defaults(data)))) {
            assertThat(probe(off.url(""), null)).as("403, store routes off: still sis").isEqualTo(UpstreamDialect.SIS);
        }
    }

    @Test
    void aSis2ServerIsSis2() {
        try (Sis2StandIn sis2 = Sis2StandIn.server(data)) {
            assertThat(probe(sis2.url(""), null)).isEqualTo(UpstreamDialect.SIS2);
            assertThat(sis2.requests()).containsExactly("GET /internal/v1/names/" + "0".repeat(32));
        }
    }

    @Test
    void aServerThatIsNotThereTeachesNothingAndSisIsAssumed() throws Exception {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        try (UpstreamClient client = client("http://127.0.0.1:" + port, null)) {
            DialectProbe probe = DialectProbe.asking(client);
            assertThat(probe.dialect()).isEqualTo(UpstreamDialect.SIS);
            assertThat(probe.describe()).startsWith("not known yet");
        }
    }

    @Test
    void answersFromSomethingElseInBetween() {
        byte[] page = "<html>upload</html>".getBytes(StandardCharsets.UTF_8);
        assertThat(DialectProbe.verdictOf(200, "text/html; charset=utf-8", page))
                .as("a sis 2.0 that serves its page on every path").isEqualTo(UpstreamDialect.SIS2);
        assertThat(DialectProbe.verdictOf(405, "", new byte[0])).isEqualTo(UpstreamDialect.SIS2);
        assertThat(DialectProbe.verdictOf(502, "text/html", page)).as("a proxy with no server behind it").isNull();
        assertThat(DialectProbe.verdictOf(503, "application/json", "[]".getBytes(StandardCharsets.UTF_8))).isNull();
        assertThat(DialectProbe.verdictOf(200, "application/json", "{}".getBytes(StandardCharsets.UTF_8)))
                .as("JSON, but not the names list").isEqualTo(UpstreamDialect.SIS2);
    }

    private UpstreamDialect probe(String base, String authorization) {
        try (UpstreamClient client = client(base, authorization)) {
            return DialectProbe.asking(client).dialect();
        }
    }

    private UpstreamClient client(String base, String authorization) {
        return new UpstreamClient(new UpstreamConfig(URI.create(base),
                new RemoteLimits(Duration.ofSeconds(2), Duration.ofSeconds(5), 0, spool), Duration.ofSeconds(2)), authorization, new SimpleMeterRegistry());
    }

    private static SisConfig withAdminToken(SisConfig c) {
        SecurityConfig s = c.security();
        return new SisConfig(c.server(), c.store(), c.cache(), c.upload(), c.image(), new SecurityConfig(
                s.internalToken(), s.uploadToken(), "probe-test-admin-token-012345", s.signingKey(), s.sizes(),
                s.corsOrigins()), c.logFormat(), c.imageEngine());
    }
}
