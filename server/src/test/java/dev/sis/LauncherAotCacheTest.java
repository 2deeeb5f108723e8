package dev.sis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.testing.Slow;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which AOT cache the tarball's launcher (bin/sis, with lib/aot-record.sh) gives the JVM: the
 * install's lib/sis.aot, else the per-user one, recorded by a first server run when there is
 * none or it is older than the jar. The java here is a script: it prints what it was given and,
 * asked to record, writes the cache file as the JVM does at its exit.
 */
@Slow
class LauncherAotCacheTest {
    @TempDir
    Path home;
    @TempDir
    Path user;
    private Path userCache;

    @BeforeEach
    void install() throws Exception {
        Path java = home.resolve("runtime/bin/java");
        Files.createDirectories(java.getParent());
        Files.createDirectories(home.resolve("bin"));
        Files.createDirectories(home.resolve("lib"));
        Files.createDirectories(home.resolve("runtime/lib"));
        Files.writeString(java, """
                #!/bin/sh
                echo "ARGS $*"
                for arg in "$@"; do
                  case $arg in -XX:AOTCacheOutput=*) echo cache >"${arg#*=}"; echo config >"${arg#*=}.config" ;; esac
                done
                """);
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(home.resolve("runtime/lib/modules"), "");
        Files.writeString(home.resolve("lib/sis.jar"), "");
        Files.copy(Path.of("server/src/dist/bin/sis"), home.resolve("bin/sis"));
        Files.copy(Path.of("server/src/dist/bin/aot-record.sh"), home.resolve("lib/aot-record.sh"));
        userCache = user.resolve(".cache/sis/sis-@VERSION@.aot");
    }

    @Test
    void aFirstServerRunRecordsTheCacheAndRenamesItIntoPlaceWhenComplete() throws Exception {
        String args = launch(Map.of(), "-port", "4444");

        assertThat(args).contains("-XX:AOTCacheOutput=" + userCache + ".").doesNotContain("-XX:AOTCache=");
        assertThat(userCache).hasContent("cache");
        try (var left = Files.list(userCache.getParent())) {
            assertThat(left).containsExactly(userCache);
        }
    }

    @Test
    void laterRunsUseTheCacheUntilTheJarIsNewer() throws Exception {
        launch(Map.of(), "-port", "4444");

        assertThat(launch(Map.of(), "-port", "4444")).contains("-XX:AOTCache=" + userCache).doesNotContain("AOTCacheOutput");
        assertThat(launch(Map.of(), "upload", "x")).contains("-XX:AOTCache=" + userCache);

        Files.setLastModifiedTime(home.resolve("lib/sis.jar"), FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        assertThat(launch(Map.of(), "upload", "x")).doesNotContain("-XX:AOT");
        assertThat(launch(Map.of(), "-port", "4444")).contains("-XX:AOTCacheOutput=");
    }

    @Test
    void theInstallsOwnCacheComesFirstAndIsNeverRecordedOver() throws Exception {
        Files.writeString(home.resolve("lib/sis.aot"), "made when the image was built");

        assertThat(launch(Map.of(), "-port", "4444")).contains("-XX:AOTCache=" + home.toRealPath() + "/lib/sis.aot");
        assertThat(user.resolve(".cache")).doesNotExist();
    }

    @Test
    void subcommandsAndHelpRecordNothing() throws Exception {
        assertThat(launch(Map.of(), "upload", "x")).doesNotContain("-XX:AOT");
        assertThat(launch(Map.of(), "--version")).doesNotContain("-XX:AOT");
        assertThat(userCache).doesNotExist();
    }

    @Test
    void offTheUsersOwnOptionsOrAFolderThatCannotBeMadeMeanNoCache() throws Exception {
        assertThat(launch(Map.of("SIS_AOT_CACHE", "off"), "-port", "4444")).doesNotContain("-XX:AOT");
        assertThat(launch(Map.of("SIS_JAVA_OPTS", "-XX:AOTCache=/mine.aot"), "-port", "4444"))
                .containsOnlyOnce("-XX:AOTCache=").doesNotContain("AOTCacheOutput");
        Path file = Files.writeString(user.resolve("a-file"), "");
        assertThat(launch(Map.of("XDG_CACHE_HOME", file.toString()), "-port", "4444")).doesNotContain("-XX:AOT");
        assertThat(userCache).doesNotExist();
    }

    @Test
    void aNamedCacheIsUsedOrRecorded() throws Exception {
        Path named = user.resolve("named.aot");

        assertThat(launch(Map.of("SIS_AOT_CACHE", named.toString()), "-port", "4444"))
                .contains("-XX:AOTCacheOutput=" + named + ".");
        assertThat(launch(Map.of("SIS_AOT_CACHE", named.toString()), "-port", "4444")).contains("-XX:AOTCache=" + named);
    }

    /** What bin/sis passes to java, from its "ARGS" line; HOME is the test's. */
    private String launch(Map<String, String> env, String... args) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", home.resolve("bin/sis").toString());
        builder.command().addAll(List.of(args));
        Map<String, String> environment = builder.environment();
        for (String name : new String[] {"SIS_JAVA_OPTS", "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "SIS_AOT_CACHE",
                "XDG_CACHE_HOME"}) {
            environment.remove(name);
        }
        environment.put("HOME", user.toString());
        environment.putAll(new HashMap<>(env));
        Process launcher = builder.redirectErrorStream(true).start();
        assertThat(launcher.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String output = new String(launcher.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Matcher line = Pattern.compile("(?m)^ARGS (.*)$").matcher(output);
        assertThat(line.find()).as(output).isTrue();
        return line.group(1);
    }
}
