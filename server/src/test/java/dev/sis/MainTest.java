package dev.sis;

import dev.sis.config.SisConfig;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final List<SisConfig> served = new ArrayList<>();

    private int run(Map<String, String> env, String... args) {
        return Main.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), served::add);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void badValuesExitWith2AndListEveryProblemOnStderr() {
        int code = run(Map.of("SIS_CACHE", "lots"), "-port", "abc", "stray");

        assertThat(code).isEqualTo(2);
        assertThat(served).isEmpty();
        assertThat(out()).isEmpty();
        assertThat(err().lines().toList()).containsExactly(
                "sis: --port: must be an integer from 0 to 65535, got \"abc\"",
                "sis: --cache: must be an integer from 0 to 1048576, got \"lots\" (from SIS_CACHE)",
                "sis: unexpected argument \"stray\" (sis takes only flags)",
                "Run with --help for usage.");
    }

    @Test
    void agentModeWithABadUpstreamExitsWith2() {
        assertThat(run(Map.of(), "-localStore=false", "-image=not-a-url")).isEqualTo(2);
        assertThat(err()).contains("sis: --image: must be, in agent mode (-localStore=false), an http or https URL");
    }

    @Test
    void helpGoesToStdoutAndExits0() {
        assertThat(run(Map.of(), "-help")).isZero();
        assertThat(served).isEmpty();
        assertThat(out()).startsWith("Usage: sis [flags]").contains("--max-request-size");
        assertThat(err()).isEmpty();
    }

    @Test
    void versionGoesToStdoutAndExits0() {
        assertThat(run(Map.of(), "--version")).isZero();
        assertThat(out()).startsWith("sis ").endsWith("\n");
        assertThat(served).isEmpty();
    }

    @Test
    void aValidCommandLineServesTheConfigAndExits0WhenItStops() {
        assertThat(run(Map.of("SIS_CACHE", "1"), "--port=0")).isZero();
        assertThat(served).singleElement().satisfies(c -> {
            assertThat(c.server().port()).isZero();
            assertThat(c.cache().budgetBytes()).isEqualTo(1024 * 1024);
        });
        assertThat(err()).isEmpty();
    }

    @Test
    void aServerFailureExitsWith1() {
        int code = Main.run(new String[0], Map.of(), new PrintStream(out), new PrintStream(err, true, StandardCharsets.UTF_8),
                config -> {
                    throw new IOException("port 3333 is in use");
                });
        assertThat(code).isEqualTo(1);
        assertThat(err()).isEqualTo("sis: port 3333 is in use" + System.lineSeparator());
    }

    @Test
    void signPrintsTheSignedUrlAsItsLastLine() {
        assertThat(run(Map.of(), "sign", "--signing-key", "signing-key-0123456789", "/v1/images/abc?w=10")).isZero();
        String last = out().strip().lines().reduce((a, b) -> b).orElseThrow();
        assertThat(last).isEqualTo(new dev.sis.security.UrlSigner("signing-key-0123456789").signUrl("/v1/images/abc?w=10"));
    }

    @Test
    void signTakesTheKeyFromTheEnvironmentAndRefusesAMissingOne() {
        assertThat(run(Map.of("SIS_SIGNING_KEY", "signing-key-0123456789"), "sign", "/v1/images/abc?w=10")).isZero();
        assertThat(run(Map.of(), "sign", "/v1/images/abc?w=10")).isEqualTo(2);
        assertThat(err()).contains("a key is needed");
    }

    @Test
    void migrateIsASubcommandOfTheSameJar(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        assertThat(run(Map.of(), "migrate", "--from", "sis2:" + dir, "--to", "file:" + dir.resolve("new"))).isZero();
        assertThat(out()).contains("0 copied", "0 failed");
        assertThat(served).isEmpty();
        assertThat(run(Map.of(), "migrate", "--from", "nowhere")).isEqualTo(2);
    }

    @Test
    void checkConfigValidatesWithoutServing() {
        assertThat(run(Map.of("SIS_S3_REGION", "eu-west-1"), "--check-config", "--store=s3://bucket/sis", "-port", "8080")).isZero();
        assertThat(out()).isEqualTo("sis: the configuration is valid (s3 store, port 8080)" + System.lineSeparator());
        assertThat(run(Map.of(), "--check-config", "-port", "x", "--store=s3://B")).isEqualTo(2);
        assertThat(err()).contains("sis: --port: must be", "sis: --store: must be");
        assertThat(served).isEmpty();
    }
}
