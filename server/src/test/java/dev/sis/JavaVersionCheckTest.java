package dev.sis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.testing.Launchers;
import dev.sis.testing.ProcessRun;
import dev.sis.testing.Slow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code ./sis}, {@code ./mvnw} and the tarball's {@code bin/sis} (without its runtime) on a
 * machine whose only Java is older than 25: each says, in one line, that sis needs Java 25, which
 * Java it found, and what to do, and exits with status 2, before anything else runs. Where a JDK 25
 * is installed beside the older default, they use it.
 */
@Slow
class JavaVersionCheckTest {
    @TempDir
    Path dir;
    private Launchers launchers;
    private Path jdk17;

    @BeforeEach
    void copyLaunchers() throws Exception {
        launchers = Launchers.copyInto(dir.resolve("checkout"));
        launchers.buildJar();
        jdk17 = Launchers.olderJdk(dir.resolve("jdk-17"), 17);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sis", "mvnw", "dist/bin/sis"})
    void aJavaHomeOfJava17IsRefusedWithWhatToInstall(String launcher) {
        ProcessRun run = launchers.run(dir, Map.of("JAVA_HOME", jdk17.toString()), launcher, "--version");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.stderr()).isEqualTo("sis needs Java 25 or newer; found Java 17 at " + jdk17.resolve("bin/java")
                + "; install a JDK 25 (e.g. Temurin 25) or set JAVA_HOME\n");
        assertThat(run.out()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sis", "mvnw", "dist/bin/sis"})
    void aJava17OnThePathIsRefusedWithWhatToInstall(String launcher) throws Exception {
        ProcessRun run = launchers.run(dir, Map.of("PATH", jdk17.resolve("bin").toString()), launcher, "--version");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.stderr()).isEqualTo("sis needs Java 25 or newer; found Java 17 at "
                + jdk17.resolve("bin/java").toRealPath() + "; install a JDK 25 (e.g. Temurin 25) or set JAVA_HOME\n");
    }

    @Test
    void noJavaAtAllIsSaidSo() {
        ProcessRun run = launchers.run(dir, Map.of(), "sis", "--version");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.stderr()).isEqualTo("sis needs Java 25 or newer; found no java on the PATH and JAVA_HOME is not set;"
                + " install a JDK 25 (e.g. Temurin 25) or set JAVA_HOME\n");
    }

    /** {@code SIS_JDK_SEARCH} stands for the usual install folders (/usr/lib/jvm, …), where a JDK 25 sits beside the default. */
    @ParameterizedTest
    @ValueSource(strings = {"sis", "dist/bin/sis"})
    void aJdk25InAnInstallFolderIsUsedWhenTheDefaultJavaIsOlder(String launcher) throws Exception {
        Path installed = Files.createDirectories(dir.resolve("jvm"));
        Path jdk25 = Files.createSymbolicLink(installed.resolve("jdk-25"), Path.of(System.getProperty("java.home")));
        ProcessRun run;
        try {
            run = launchers.run(dir, Map.of("JAVA_HOME", jdk17.toString(), "PATH", jdk17.resolve("bin").toString(),
                    "SIS_JDK_SEARCH", dir.resolve("nowhere") + ":" + installed), launcher, "--version");
        } finally {
            Files.delete(jdk25); // a link out of the temporary folder, which JUnit would warn about
        }

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).startsWith("sis ");
    }
}
