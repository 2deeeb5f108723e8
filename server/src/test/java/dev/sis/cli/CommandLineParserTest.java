package dev.sis.cli;

import dev.sis.config.CacheConfig.CachePolicy;
import dev.sis.config.ConnectionLimits;
import dev.sis.config.SisConfig;
import dev.sis.config.StoreConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CommandLineParserTest {

    private static SisConfig run(Map<String, String> env, String... args) {
        ParseResult result = CommandLineParser.parse(args, env);
        assertThat(result).as("parse %s with %s", List.of(args), env).isInstanceOf(ParseResult.Run.class);
        return ((ParseResult.Run) result).config();
    }

    private static SisConfig run(String... args) {
        return run(Map.of(), args);
    }

    private static List<String> problems(Map<String, String> env, String... args) {
        ParseResult result = CommandLineParser.parse(args, env);
        assertThat(result).as("parse %s with %s", List.of(args), env).isInstanceOf(ParseResult.Invalid.class);
        return ((ParseResult.Invalid) result).problems();
    }

    private static List<String> problems(String... args) {
        return problems(Map.of(), args);
    }

    @Test
    void defaultsNeedNoFlagsAndNoEnvironment() {
        SisConfig c = run();
        int cores = Runtime.getRuntime().availableProcessors();
        assertThat(c.server().port()).isEqualTo(3333);
        assertThat(c.server().host()).isEqualTo("0.0.0.0");
        assertThat(c.server().shutdownTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.server().warmUp()).isEqualTo(Duration.ofMillis(1500));
        assertThat(c.store()).isInstanceOf(StoreConfig.Local.class);
        assertThat(local(c).dataDir()).isEqualTo(Path.of("image"));
        assertThat(c.cache().budgetBytes()).isEqualTo(100L * 1024 * 1024);
        assertThat(c.cache().policy()).isEqualTo(CachePolicy.TINYLFU);
        assertThat(c.upload().maxRequestBytes()).isEqualTo(52_428_800L);
        assertThat(c.upload().maxNameBytes()).isEqualTo(50);
        assertThat(c.upload().acceptAnyFile()).isFalse();
        assertThat(c.image().maxSourcePixels()).isEqualTo(50_000_000L);
        assertThat(c.image().maxOutputPixels()).isEqualTo(25_000_000L);
        assertThat(c.image().maxDimension()).isEqualTo(10_000);
        assertThat(c.image().maxDecodes()).isEqualTo(cores);
        assertThat(c.image().maxQueuedDecodes()).isEqualTo(4 * cores);
        assertThat(c.image().maxAnimationPixels()).isEqualTo(100_000_000L);
        assertThat(c.image().maxAnimationFrames()).isEqualTo(1000);
        assertThat(c.image().decodeTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.image().decodeMemoryBytes())
                .isEqualTo(dev.sis.config.HeapShare.maxHeap() / 2 / (1 << 20) * (1 << 20));
        assertThat(c.server().accessLog().target()).isEqualTo(new dev.sis.config.AccessLogTarget.Logger());
        assertThat(c.server().accessLog().trustedProxies().isEmpty()).isTrue();
    }

    @Test
    void theAccessLogIsOnOffOrAFileAndTrustsTheProxiesNamed() {
        assertThat(run("--access-log", "off").server().accessLog().target())
                .isEqualTo(new dev.sis.config.AccessLogTarget.Off());
        assertThat(run(Map.of("SIS_ACCESS_LOG", "/tmp/access.log")).server().accessLog().target())
                .isEqualTo(new dev.sis.config.AccessLogTarget.ToFile(Path.of("/tmp/access.log")));
        dev.sis.config.TrustedProxies proxies = run("-trusted-proxies", "10.0.0.0/8,::1").server().accessLog()
                .trustedProxies();
        assertThat(proxies.trusts(java.net.InetAddress.ofLiteral("10.2.3.4"))).isTrue();
        assertThat(proxies.trusts(java.net.InetAddress.ofLiteral("::1"))).isTrue();
        assertThat(proxies.trusts(java.net.InetAddress.ofLiteral("192.0.2.1"))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"-port 4444", "-port=4444", "--port 4444", "--port=4444"})
    void everyGoFlagSyntaxWorks(String line) {
        assertThat(run(line.split(" ")).server().port()).isEqualTo(4444);
    }

    @Test
    void everySettingTakesEveryGoSyntax(@TempDir Path dir) {
        for (Setting<?> s : Setting.ALL) {
            String value = s == Setting.IMAGE ? dir.toString()
                    : s == Setting.UPSTREAM ? null : s.defaultValue();
            if (value == null) {
                continue;
            }
            for (String flag : s.flags()) {
                assertThat(CommandLineParser.parse(new String[] {flag, value}, Map.of()))
                        .as("%s %s", flag, value).isInstanceOf(ParseResult.Run.class);
                assertThat(CommandLineParser.parse(new String[] {flag + "=" + value}, Map.of()))
                        .as("%s=%s", flag, value).isInstanceOf(ParseResult.Run.class);
            }
        }
    }

    @Test
    void everySettingIsRegisteredWithSingleAndDoubleDash() {
        for (Setting<?> s : Setting.ALL) {
            assertThat(s.flags()).as(s.name()).anyMatch(f -> f.matches("-[^-].*")).anyMatch(f -> f.startsWith("--"));
        }
    }

    @Test
    void everyDefaultIsAValidValue() {
        for (Setting<?> s : Setting.ALL) {
            assertThat(s.type().parse(s.defaultValue())).as(s.name()).isNotNull();
        }
    }

    @ParameterizedTest
    @CsvSource({"-accept-any-file, true", "--accept-any-file, true", "-accept-any-file=false, false",
            "--accept-any-file=true, true", "--accept-any-file=1, true", "--accept-any-file=0, false",
            "-accept-any-file=F, false", "-accept-any-file=TRUE, true"})
    void booleansTakeAValueAfterEqualsOrNoneForTrue(String arg, boolean expected) {
        assertThat(run(arg).upload().acceptAnyFile()).isEqualTo(expected);
    }

    @Test
    void aBareBooleanFollowedByAnotherFlagIsTrue() {
        SisConfig c = run("--accept-any-file", "-port", "5");
        assertThat(c.upload().acceptAnyFile()).isTrue();
        assertThat(c.server().port()).isEqualTo(5);
        assertThat(run("-localStore", "-port", "6").store()).isInstanceOf(StoreConfig.Local.class);
    }

    @Test
    void environmentOverridesTheDefault() {
        SisConfig c = run(Map.of("SIS_PORT", "4000", "SIS_CACHE", "0", "SIS_CACHE_POLICY", "FIFO",
                "SIS_MAX_REQUEST_SIZE", "1G", "SIS_SHUTDOWN_TIMEOUT", "500ms", "SIS_ACCEPT_ANY_FILE", "true",
                "SIS_MAX_SOURCE_PIXELS", "10MP", "SIS_DECODE_QUEUE", "0", "SIS_HOST", "127.0.0.1", "SIS_WARM_UP", "0"));
        assertThat(c.server().port()).isEqualTo(4000);
        assertThat(c.server().host()).isEqualTo("127.0.0.1");
        assertThat(c.cache().enabled()).isFalse();
        assertThat(c.cache().policy()).isEqualTo(CachePolicy.FIFO);
        assertThat(c.upload().maxRequestBytes()).isEqualTo(1L << 30);
        assertThat(c.server().shutdownTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(c.server().warmUp()).as("0 turns the warm-up off").isZero();
        assertThat(c.upload().acceptAnyFile()).isTrue();
        assertThat(c.image().maxSourcePixels()).isEqualTo(10_000_000L);
        assertThat(c.image().maxQueuedDecodes()).isZero();
    }

    @Test
    void theImageBudgetsAreTakenFromFlagsAndEnvironment() {
        SisConfig c = run(Map.of("SIS_DECODE_MEMORY", "64MiB", "SIS_MAX_ANIMATION_FRAMES", "12"),
                "--decode-timeout=1500ms", "--max-animation-pixels=5MP");
        assertThat(c.image().decodeMemoryBytes()).isEqualTo(64L << 20);
        assertThat(c.image().maxAnimationFrames()).isEqualTo(12);
        assertThat(c.image().decodeTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(c.image().maxAnimationPixels()).isEqualTo(5_000_000L);
    }

    @Test
    void theConnectionLimitsAndTheUploadMemoryAreTakenFromFlagsAndEnvironment() {
        SisConfig c = run(Map.of("SIS_HEADER_TIMEOUT", "3s", "SIS_MAX_CONNECTIONS", "500"),
                "--body-timeout=45s", "--min-body-rate=4KiB", "--upload-memory=32MiB");
        assertThat(c.server().connections().headerTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(c.server().connections().maxConnections()).isEqualTo(500);
        assertThat(c.server().connections().bodyTimeout()).isEqualTo(Duration.ofSeconds(45));
        assertThat(c.server().connections().minBodyRate()).isEqualTo(4096);
        assertThat(c.upload().memoryBytes()).isEqualTo(32L << 20);
    }

    @Test
    void withoutFlagsTheConnectionLimitsAndUploadMemoryFollowTheMachine() {
        SisConfig c = run(Map.of());
        assertThat(c.server().connections()).isEqualTo(ConnectionLimits.defaults());
        assertThat(c.server().connections().headerTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.upload().memoryBytes()).isEqualTo((Runtime.getRuntime().maxMemory() / 16) >> 20 << 20);
    }

    @Test
    void aFlagOverridesTheEnvironment() {
        Map<String, String> env = Map.of("SIS_PORT", "4000", "SIS_ACCEPT_ANY_FILE", "true", "SIS_CACHE", "7");
        SisConfig c = run(env, "-port", "5000", "--accept-any-file=false", "--cache=8");
        assertThat(c.server().port()).isEqualTo(5000);
        assertThat(c.upload().acceptAnyFile()).isFalse();
        assertThat(c.cache().budgetBytes()).isEqualTo(8L * 1024 * 1024);
    }

    @Test
    void aFlagOverridesABadEnvironmentValueWithoutAProblem() {
        assertThat(run(Map.of("SIS_PORT", "nope"), "--port", "1").server().port()).isEqualTo(1);
    }

    @Test
    void anEmptyEnvironmentVariableCountsAsUnset() {
        assertThat(run(Map.of("SIS_PORT", "", "SIS_IMAGE", "")).server().port()).isEqualTo(3333);
    }

    @Test
    void theLastOfARepeatedFlagWins() {
        assertThat(run("-port", "1", "--port=2").server().port()).isEqualTo(2);
    }

    @Test
    void aBadEnvironmentValueNamesTheFlagAndTheVariable() {
        assertThat(problems(Map.of("SIS_PORT", "abc")))
                .containsExactly("--port: must be an integer from 0 to 65535, got \"abc\" (from SIS_PORT)");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--port=abc         | --port: must be an integer from 0 to 65535, got \"abc\"",
            "--port=65536       | --port: must be an integer",
            "--port=-1          | --port: must be an integer",
            "--port=            | --port: must be an integer",
            "--host=            | --host: must be a host name or IP address, got \"\"",
            "--host=a b         | --host: must be a host name",
            "--localStore=no    | --localStore: must be true or false",
            "--local-store=yes  | --localStore: must be true or false",
            "--image=           | --image: must be a directory",
            "--upstream=ftp://x | --upstream: must be an http or https URL",
            "--store=/data       | --store: must be file:/path or s3://bucket/prefix",
            "--store=s3://B/x    | --store: must be file:/path or s3://bucket/prefix (a bucket name is",
            "--store=s3://b/a//c | --store: must be file:/path or s3://bucket/prefix",
            "--store=sis2:/old   | --store: must be file:/path or s3://bucket/prefix",
            "--s3-endpoint=ftp://x | --s3-endpoint: must be an http or https URL",
            "--s3-path-style=maybe | --s3-path-style: must be true or false",
            "--s3-region=EU_WEST   | --s3-region: must be a region name like eu-west-1",
            "--max-variant-storage=-1  | --max-variant-storage: must be a byte size from 0 bytes to 1024TiB",
            "--max-variant-storage=5GB | --max-variant-storage: must be a byte size",
            "--cache=-1         | --cache: must be an integer from 0 to 1048576",
            "--cache=1048577    | --cache: must be an integer from 0 to 1048576",
            "--cache-policy=lru | --cache-policy: must be fifo or tinylfu, got \"lru\"",
            "--max-request-size=0     | --max-request-size: must be a byte size from 1 byte to 1TiB",
            "--max-request-size=50MB  | --max-request-size: must be a byte size",
            "--max-request-size=2TiB  | --max-request-size: must be a byte size",
            "--max-name-bytes=0       | --max-name-bytes: must be an integer from 1 to 255",
            "--max-name-bytes=256     | --max-name-bytes: must be an integer from 1 to 255",
            "--accept-any-file=maybe  | --accept-any-file: must be true or false",
            "--max-source-pixels=0    | --max-source-pixels: must be a pixel count",
            "--max-source-pixels=5Mpx | --max-source-pixels: must be a pixel count",
            "--max-output-pixels=-5   | --max-output-pixels: must be a pixel count",
            "--max-dimension=0        | --max-dimension: must be an integer from 1 to 1048576",
            "--max-dimension=1048577  | --max-dimension: must be an integer from 1 to 1048576",
            "--max-decodes=0          | --max-decodes: must be an integer from 1 to 1024",
            "--max-decodes=1025       | --max-decodes: must be an integer from 1 to 1024",
            "--decode-queue=-1        | --decode-queue: must be an integer from 0 to 100000",
            "--decode-queue=100001    | --decode-queue: must be an integer from 0 to 100000",
            "--decode-memory=1MiB     | --decode-memory: must be a byte size from 16MiB to 1TiB",
            "--decode-memory=lots     | --decode-memory: must be a byte size",
            "--decode-timeout=0       | --decode-timeout: must be longer than 0",
            "--decode-timeout=2h      | --decode-timeout: must be a duration from 0 to 1h",
            "--max-animation-pixels=0 | --max-animation-pixels: must be a pixel count",
            "--max-animation-frames=0 | --max-animation-frames: must be an integer from 1 to 1000000",
            "--max-jpeg-scans=0       | --max-jpeg-scans: must be an integer from 1 to 1000000",
            "--max-jpeg-scans=many    | --max-jpeg-scans: must be an integer",
            "--auto-formats=jpeg      | --auto-formats: must be a comma-separated list of avif and webp",
            "--avif-effort=10         | --avif-effort: must be an integer from 0 to 9",
            "--quality=png=50         | --quality: must be comma-separated format=q pairs",
            "--shutdown-timeout=61m   | --shutdown-timeout: must be a duration from 0 to 1h",
            "--shutdown-timeout=30sec | --shutdown-timeout: must be a duration",
            "--warm-up=2m             | --warm-up: must be a duration from 0 to 60s",
            "--warm-up=-1s            | --warm-up: must be a duration",
            "--upload-memory=512KiB   | --upload-memory: must be a byte size from 1MiB to 1TiB",
            "--upload-memory=lots     | --upload-memory: must be a byte size",
            "--header-timeout=0       | --header-timeout: must be longer than 0",
            "--header-timeout=2h      | --header-timeout: must be a duration from 0 to 1h",
            "--max-connections=0      | --max-connections: must be an integer from 1 to 10000000",
            "--body-timeout=0         | --body-timeout: must be longer than 0",
            "--body-timeout=25h       | --body-timeout: must be a duration from 0 to 24h",
            "--min-body-rate=0        | --min-body-rate: must be a byte size from 1 byte to 1GiB",
            "--internal-token=short   | --internal-token: must be 16 to 512 visible ASCII characters",
            "--upload-token=short     | --upload-token: must be 16 to 512 visible ASCII characters",
            "--admin-token=short      | --admin-token: must be 16 to 512 visible ASCII characters",
            "--signing-key=short      | --signing-key: must be 16 to 512 visible ASCII characters",
            "--sizes=300x200,x        | --sizes: must be sizes like 300x200",
            "--sizes=300*200          | --sizes: must be sizes like 300x200",
            "--sizes=0x10             | --sizes: must be sizes like 300x200",
            "--preset=thumb           | --preset: must be presets like thumb=w:300",
            "--presets-only=maybe     | --presets-only: must be",
            "--watermark=/no/such/mark.png | --watermark: no such file",
            "--watermark-all=maybe    | --watermark-all: must be",
            "--cors-origins=example.com | --cors-origins: must be * or origins",
            "--log-format=xml         | --log-format: must be",
            "--image-engine=fast      | --image-engine: must be",
            "--access-log=            | --access-log: must be on, off or a file's path",
            "--access-log=/no/such/folder/a.log | --access-log: must be a file in a folder that exists; /no/such/folder does not",
            "--access-log=/tmp        | --access-log: is a folder; name a file in it, like /tmp/access.log",
            "--trusted-proxies=proxy.example.com | --trusted-proxies: must be IP addresses or blocks like 10.0.0.0/8,127.0.0.1,::1, or empty for none; not an IP address: \"proxy.example.com\"",
            "--trusted-proxies=10.0.0.0/33 | --trusted-proxies: must be IP addresses or blocks like 10.0.0.0/8,127.0.0.1,::1, or empty for none; not a prefix length of 0 to 32",
            "--upstream-connect-timeout=11m | --upstream-connect-timeout: must be a duration from 0 to 600s",
            "--upstream-timeout=2h    | --upstream-timeout: must be a duration from 0 to 1h",
            "--upstream-check-timeout=2m | --upstream-check-timeout: must be a duration from 0 to 60s",
            "--upstream-dialect=go    | --upstream-dialect: must be auto or sis or sis2",
            "--upstream-retries=11    | --upstream-retries: must be an integer from 0 to 10",
            "--upstream-retries=-1    | --upstream-retries: must be an integer from 0 to 10",
    })
    void eachBadValueIsAProblemNamingItsFlag(String arg, String expectedStart) {
        assertThat(problems(arg.strip())).singleElement().asString().startsWith(expectedStart.strip());
    }

    @Test
    void everySettingHasABadValueTest() throws Exception {
        String source = Files.readString(Path.of("server/src/test/java/dev/sis/cli/CommandLineParserTest.java"));
        for (Setting<?> s : Setting.ALL) {
            assertThat(source).as(s.name()).contains("\"" + s.name() + "=");
        }
    }

    @Test
    void allProblemsAreReportedAtOnce() {
        List<String> problems = problems(Map.of("SIS_CACHE", "lots"),
                "-port", "99999", "--max-request-size=1.5GiB", "--shutdown-timeout", "forever",
                "--bogus", "stray", "--max-decodes");
        assertThat(problems).hasSize(7);
        assertThat(problems).anyMatch(p -> p.startsWith("--port: "))
                .anyMatch(p -> p.startsWith("--cache: ") && p.endsWith("(from SIS_CACHE)"))
                .anyMatch(p -> p.startsWith("--max-request-size: "))
                .anyMatch(p -> p.startsWith("--shutdown-timeout: "))
                .anyMatch(p -> p.startsWith("unknown flag \"--bogus\""))
                .anyMatch(p -> p.startsWith("unexpected argument \"stray\""))
                .anyMatch(p -> p.equals("--max-decodes: needs a value, like --max-decodes=<n>"));
    }

    @Test
    void anUnknownFlagIsAProblem() {
        assertThat(problems("-nope=1")).containsExactly("unknown flag \"-nope\"");
        assertThat(problems("--localstore=true"))
                .containsExactly("unknown flag \"--localstore\"; did you mean --localStore?");
        assertThat(problems("--max_decodes", "2"))
                .containsExactly("unknown flag \"--max_decodes\"; did you mean --max-decodes?",
                        "unexpected argument \"2\" (sis takes only flags)");
    }

    @Test
    void aFlagATypoAwayIsSuggestedInTheSpellingTyped() {
        assertThat(problems("-prot", "3333")).containsExactly("unknown flag \"-prot\"; did you mean -port?",
                "unexpected argument \"3333\" (sis takes only flags)");
        assertThat(problems("--cahce=10")).containsExactly("unknown flag \"--cahce\"; did you mean --cache?");
        assertThat(problems("-max-decode=2")).containsExactly("unknown flag \"-max-decode\"; did you mean -max-decodes?");
        assertThat(problems("--bogus")).containsExactly("unknown flag \"--bogus\"");
    }

    @Test
    void goFlagsDoNotCluster() {
        assertThat(problems("-port4444")).containsExactly("unknown flag \"-port4444\"");
    }

    @Test
    void aPositionalArgumentIsAProblem() {
        assertThat(problems("serve")).containsExactly("unexpected argument \"serve\" (sis takes only flags)");
        assertThat(problems("--", "-port")).containsExactly("unexpected argument \"-port\" (sis takes only flags)");
    }

    @Test
    void anAtFileIsNotRead() {
        assertThat(problems("@/etc/passwd")).containsExactly("unexpected argument \"@/etc/passwd\" (sis takes only flags)");
    }

    @Test
    void controlCharactersInValuesAreEscaped() {
        assertThat(problems("--port=1\n2")).singleElement().asString().endsWith("got \"1\\u000a2\"");
    }

    @Test
    void agentModeTakesItsUpstreamFromImageOrUpstream() {
        SisConfig legacy = run("-localStore=false", "-image", "http://10.0.0.5:4444");
        assertThat(legacy.store()).isInstanceOf(StoreConfig.Agent.class);
        assertThat(agent(legacy).upstream().baseUrl()).hasToString("http://10.0.0.5:4444");
        SisConfig explicit = run(Map.of("SIS_LOCAL_STORE", "0", "SIS_UPSTREAM", "http://h:1"));
        assertThat(agent(explicit).upstream().baseUrl()).hasToString("http://h:1");
    }

    @Test
    void aUrlAsTheDataDirectoryOfALocalStoreIsRefusedWithTheFix() {
        assertThat(problems("-image", "http://10.0.0.5:4444")).containsExactly(
                "--image: must be a directory, not a URL, for the local store (add -localStore=false to run as "
                        + "an agent of that server), got \"http://10.0.0.5:4444\"");
        assertThat(problems(Map.of("SIS_IMAGE", "https://h/")).getFirst()).endsWith("(from SIS_IMAGE)");
        assertThat(local(run("-image", "photos:2024")).dataDir()).hasToString("photos:2024");
    }

    @Test
    void agentSettingsHaveSafeDefaultsAndTheirOwnFlags() {
        SisConfig defaults = run("-localStore=false", "-image=http://h:1");
        assertThat(agent(defaults).upstream().dialect()).isEqualTo(dev.sis.config.UpstreamDialect.AUTO);
        assertThat(agent(defaults).upstream().limits().connectTimeout()).isEqualTo(java.time.Duration.ofSeconds(2));
        assertThat(agent(defaults).upstream().limits().requestTimeout()).isEqualTo(java.time.Duration.ofSeconds(30));
        assertThat(agent(defaults).upstream().limits().retries()).isEqualTo(2);
        assertThat(agent(defaults).upstream().checkTimeout()).isEqualTo(java.time.Duration.ofMillis(500));
        assertThat(agent(defaults).upstream().limits().spoolDir().getFileName()).hasToString("sis-spool");
        assertThat(defaults.security().internalToken()).isNull();

        SisConfig set = run(Map.of("SIS_INTERNAL_TOKEN", "0123456789abcdef"), "-localStore=false", "-image=http://h:1",
                "--upstream-connect-timeout=500ms", "--upstream-timeout=5s", "--upstream-retries=0", "--spool-dir=/tmp/x y",
                "--upstream-check-timeout=200ms", "--upstream-dialect=sis2");
        assertThat(agent(set).upstream().dialect()).isEqualTo(dev.sis.config.UpstreamDialect.SIS2);
        assertThat(agent(set).upstream().limits().connectTimeout()).isEqualTo(java.time.Duration.ofMillis(500));
        assertThat(agent(set).upstream().checkTimeout()).isEqualTo(java.time.Duration.ofMillis(200));
        assertThat(agent(set).upstream().limits().requestTimeout()).isEqualTo(java.time.Duration.ofSeconds(5));
        assertThat(agent(set).upstream().limits().retries()).isZero();
        assertThat(agent(set).upstream().limits().spoolDir()).isEqualTo(Path.of("/tmp/x y"));
        assertThat(set.security().internalToken()).isEqualTo("0123456789abcdef");
    }

    @Test
    void theVariantBudgetIsASizeOrTheStoresOwnDefault() {
        assertThat(local(run()).maxVariantBytes()).as("the store's default, resolved at start").isEmpty();
        assertThat(local(run("--max-variant-storage=512MiB")).maxVariantBytes()).hasValue(512L << 20);
        assertThat(local(run("-max-variant-storage", "10GiB")).maxVariantBytes()).hasValue(10L << 30);
        assertThat(local(run("--max-variant-storage=0")).maxVariantBytes()).hasValue(0);
        assertThat(local(run(Map.of("SIS_MAX_VARIANT_STORAGE", "1G"))).maxVariantBytes()).hasValue(1L << 30);
        assertThat(s3(run("--store=s3://bucket/sis", "--max-variant-storage=2GiB")).maxVariantBytes())
                .hasValue(2L << 30);
    }

    @Test
    void anAgentTakesNoVariantBudgetOfItsOwn() {
        assertThat(problems("-localStore=false", "-image=http://h:1", "--max-variant-storage=1GiB"))
                .containsExactly("--max-variant-storage: is not used in agent mode: the server's budget governs, got \"1GiB\"");
        // The variable may be set for every container, agents included.
        SisConfig agent = run(Map.of("SIS_MAX_VARIANT_STORAGE", "1GiB"), "-localStore=false", "-image=http://h:1");
        assertThat(agent.store()).as("no budget of its own").isInstanceOf(StoreConfig.Agent.class);
    }

    @Test
    void storeNamesADirectoryOrABucket(@TempDir Path tmp) {
        SisConfig local = run("--store", "file:" + tmp);
        assertThat(local.store()).isInstanceOf(StoreConfig.Local.class);
        assertThat(local(local).dataDir()).isEqualTo(tmp);
        assertThat(local(run("--store=file:///srv/sis")).dataDir()).isEqualTo(Path.of("/srv/sis"));

        SisConfig s3 = run(Map.of("SIS_STORE", "s3://my-bucket/sis/prod/", "SIS_S3_ENDPOINT", "http://127.0.0.1:9000"),
                "--s3-path-style", "--s3-region=eu-west-1", "--upstream-timeout=5s", "--spool-dir=/tmp/sp");
        assertThat(s3.store()).isInstanceOf(StoreConfig.S3.class);
        assertThat(s3(s3).s3().location()).isEqualTo(new dev.sis.config.StoreLocation.S3("my-bucket", "sis/prod"));
        assertThat(s3(s3).s3().endpoint()).hasToString("http://127.0.0.1:9000");
        assertThat(s3(s3).s3().pathStyle()).isTrue();
        assertThat(s3(s3).s3().region()).isEqualTo("eu-west-1");
        assertThat(s3(s3).s3().limits().requestTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(s3(s3).s3().limits().spoolDir()).isEqualTo(Path.of("/tmp/sp"));

        SisConfig aws = run("--store=s3://bucket");
        assertThat(s3(aws).s3().location().keyPrefix()).isEmpty();
        assertThat(s3(aws).s3().endpoint()).isNull();
        assertThat(s3(aws).s3().region()).isNull();
        assertThat(s3(aws).s3().pathStyle()).isFalse();
    }

    @Test
    void storeConflictsWithTheOtherWaysOfNamingAStore() {
        assertThat(problems("--store=s3://bucket", "-image", "/data")).containsExactly(
                "--image: conflicts with --store; give the data directory once, as --store file:DIR, got \"/data\"");
        assertThat(problems("--store=s3://bucket", "-localStore=false")).singleElement().asString()
                .startsWith("--store: names a store of its own; agent mode (-localStore=false) takes --upstream");
        assertThat(problems("--s3-endpoint=http://h:9000", "--s3-path-style", "--s3-region=eu-west-1")).containsExactly(
                "--s3-endpoint: is only used with --store s3://bucket/prefix, got \"http://h:9000\"",
                "--s3-path-style: is only used with --store s3://bucket/prefix, got \"true\"",
                "--s3-region: is only used with --store s3://bucket/prefix, got \"eu-west-1\"");
        assertThat(problems("--store=file:/srv", "--s3-region=eu-west-1")).containsExactly(
                "--s3-region: is only used with --store s3://bucket/prefix, got \"eu-west-1\"");
        assertThat(problems(Map.of("SIS_STORE", "s3://bucket", "SIS_IMAGE", "/data"))).containsExactly(
                "--image: conflicts with --store; give the data directory once, as --store file:DIR, got \"/data\" (from SIS_IMAGE)");
    }

    @Test
    void aFlagNamingTheStoreWinsOverAVariableNamingItAnotherWay() {
        // A container image sets SIS_STORE=file:/data; a deployment's flags choose otherwise.
        Map<String, String> image = Map.of("SIS_STORE", "file:/data", "SIS_S3_REGION", "eu-west-1");
        SisConfig agent = run(image, "-localStore=false", "--upstream=http://server:4444");
        assertThat(agent.store()).isInstanceOf(StoreConfig.Agent.class);
        assertThat(local(run(image, "-image=/srv/sis")).dataDir()).isEqualTo(Path.of("/srv/sis"));
        assertThat(local(run(image)).dataDir()).isEqualTo(Path.of("/data"));
        SisConfig s3 = run(Map.of("SIS_IMAGE", "/data", "SIS_LOCAL_STORE", "false"), "--store=s3://bucket");
        assertThat(s3.store()).isInstanceOf(StoreConfig.S3.class);
    }

    @Test
    void sizesAreAListOfWidthByHeightWithOptionalSides() {
        assertThat(run("--sizes=300x200,100x,x50").security().sizes()).containsExactlyInAnyOrder("300x200", "100x", "x50");
        assertThat(run().security().sizes()).isEmpty();
    }

    @Test
    void aBadTokenIsReportedWithoutRepeatingIt() {
        assertThat(problems(Map.of("SIS_INTERNAL_TOKEN", "has space in it 0123"))).singleElement().asString()
                .startsWith("--internal-token: must be")
                .doesNotContain("has space")
                .endsWith("(from SIS_INTERNAL_TOKEN)");
    }

    @Test
    void zeroUpstreamTimeoutsAreProblemsInAgentMode() {
        assertThat(problems("-localStore=false", "-image=http://h:1", "--upstream-timeout=0"))
                .containsExactly("--upstream-timeout: must be longer than 0, got \"0\"");
        assertThat(problems("-localStore=false", "-image=http://h:1", "--upstream-check-timeout=0"))
                .containsExactly("--upstream-check-timeout: must be longer than 0, got \"0\"");
    }

    @Test
    void agentModeStillValidatesItsUpstream() {
        assertThat(problems("-localStore=false", "-image", "image")).contains(
                "--image: must be, in agent mode (-localStore=false), an http or https URL with a host, "
                        + "like http://10.0.0.5:4444, got \"image\"");
    }

    @Test
    void upstreamIsAProblemInStoreMode() {
        assertThat(problems("--upstream", "http://10.0.0.5:4444")).containsExactly(
                "--upstream: is only used in agent mode (-localStore=false), got \"http://10.0.0.5:4444\"");
    }

    @Test
    void theDataDirectoryMayBeMissingButNotAFile(@TempDir Path tmp) throws IOException {
        Path missing = tmp.resolve("new");
        assertThat(local(run("-image", missing.toString())).dataDir()).isEqualTo(missing);
        assertThat(local(run("-image", "relative/dir")).dataDir()).isEqualTo(Path.of("relative/dir"));
        Path file = Files.writeString(tmp.resolve("file"), "x");
        assertThat(problems("-image=" + file)).containsExactly(
                "--image: must be a directory, not an existing file, got \"" + file + "\"");
    }

    @Test
    void helpWinsOverProblems() {
        for (String flag : List.of("-h", "-help", "--help")) {
            ParseResult result = CommandLineParser.parse(new String[] {"--port=x", flag}, Map.of());
            assertThat(result).as(flag).isInstanceOf(ParseResult.Help.class);
            assertThat(((ParseResult.Help) result).text()).startsWith("Usage: sis [flags]")
                    .contains("-port, --port <port>", "SIS_PORT", "-localStore, --localStore, --local-store [=bool]");
        }
    }

    @Test
    void versionPrintsTheVersion() {
        for (String flag : List.of("-version", "--version")) {
            assertThat(CommandLineParser.parse(new String[] {flag}, Map.of()))
                    .isEqualTo(new ParseResult.Version("sis " + CommandLineParser.version()));
        }
    }

    private static StoreConfig.Local local(SisConfig config) {
        assertThat(config.store()).isInstanceOf(StoreConfig.Local.class);
        return (StoreConfig.Local) config.store();
    }

    private static StoreConfig.Agent agent(SisConfig config) {
        assertThat(config.store()).isInstanceOf(StoreConfig.Agent.class);
        return (StoreConfig.Agent) config.store();
    }

    private static StoreConfig.S3 s3(SisConfig config) {
        assertThat(config.store()).isInstanceOf(StoreConfig.S3.class);
        return (StoreConfig.S3) config.store();
    }
}
