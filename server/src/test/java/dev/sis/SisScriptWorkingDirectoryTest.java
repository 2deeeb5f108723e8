package dev.sis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.client.SisClient;
import dev.sis.client.Upload;
import dev.sis.testing.Launchers;
import dev.sis.testing.ProcessRun;
import dev.sis.testing.ServerProcess;
import dev.sis.testing.Slow;
import dev.sis.testing.TestImages;
import dev.sis.testing.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code ./sis} run from another folder ({@code cd work && ../sis/sis …}) stays in it: the files
 * to upload, {@code get -o}, {@code -image} and {@code migrate}'s stores are the caller's
 * relative paths, and nothing is written into the checkout. Before a build it says how to build.
 * Under a locale that is not UTF-8 it still stores names that are not ASCII.
 */
@Slow
class SisScriptWorkingDirectoryTest {
    private static final byte[] CAT = TestImages.jpeg(64, 48, 7);

    @TempDir
    Path dir;
    private Launchers launchers;
    private Path work;
    private Map<String, String> jdk25;

    @BeforeEach
    void copyLaunchers() throws IOException {
        launchers = Launchers.copyInto(dir.resolve("sis"));
        work = Files.createDirectories(dir.resolve("work"));
        jdk25 = Map.of("JAVA_HOME", System.getProperty("java.home"));
    }

    @Test
    void beforeABuildItSaysToBuildFirst() {
        ProcessRun run = launchers.run(work, jdk25, "sis", "--version");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.stderr()).contains("target/sis.jar is not built yet", "run ./mvnw -B -q package -DskipTests");
    }

    @Test
    void uploadReadsAndGetWritesTheCallersRelativePaths() throws IOException {
        launchers.buildJar();
        Files.write(work.resolve("cat.jpg"), CAT);
        try (TestServer server = TestServer.start(Files.createDirectories(dir.resolve("data")))) {
            ProcessRun upload = launchers.run(work, jdk25, "sis", "upload", "--server", server.url(""), "--json", "cat.jpg");
            ProcessRun get = launchers.run(work, jdk25, "sis", "get", "--server", server.url(""), TestImages.md5Hex(CAT),
                    "-o", "copy.jpg");

            assertThat(upload.exitCode()).as(upload.toString()).isZero();
            assertThat(upload.out()).contains(TestImages.md5Hex(CAT));
            assertThat(get.exitCode()).as(get.toString()).isZero();
        }
        assertThat(work.resolve("copy.jpg")).hasBinaryContent(CAT);
        assertThat(launchers.root().resolve("copy.jpg")).doesNotExist();
    }

    @Test
    void imageAndMigrateStoresAreTheCallersRelativePaths() throws Exception {
        launchers.buildJar();
        try (ServerProcess server = ServerProcess.start(launchers.command(work, jdk25, "sis",
                "-host", "127.0.0.1", "-port", "0", "-image", "store"))) {
            try (SisClient client = SisClient.builder("http://127.0.0.1:" + server.port()).build()) {
                assertThat(client.upload(Upload.of("cat.jpg", CAT)).md5()).isEqualTo(TestImages.md5Hex(CAT));
            }
        }
        ProcessRun migrate = launchers.run(work, jdk25, "sis", "migrate", "--from", "file:store", "--to", "file:copy");

        assertThat(migrate.exitCode()).as(migrate.toString()).isZero();
        assertThat(files(work.resolve("store"))).anyMatch(file -> file.endsWith("cat.jpg"));
        assertThat(files(work.resolve("copy"))).anyMatch(file -> file.endsWith("cat.jpg"));
        assertThat(launchers.root().resolve("store")).doesNotExist();
        assertThat(launchers.root().resolve("copy")).doesNotExist();
    }

    /**
     * The controlled environment has no locale (POSIX, as in many containers and services), under
     * which Java cannot create a file whose name is not ASCII: the launchers run it under C.UTF-8.
     */
    @ParameterizedTest
    @ValueSource(strings = {"sis", "dist/bin/sis"})
    void aNameThatIsNotAsciiIsStoredUnderAPosixLocale(String launcher) throws Exception {
        launchers.buildJar();
        Path runtime = Files.createSymbolicLink(launchers.root().resolve("dist/runtime"), Path.of(System.getProperty("java.home")));
        try (ServerProcess server = ServerProcess.start(launchers.command(work, jdk25, launcher,
                "-host", "127.0.0.1", "-port", "0", "-image", "store"));
                SisClient client = SisClient.builder("http://127.0.0.1:" + server.port()).build()) {
            assertThat(client.upload(Upload.of("猫 café.jpg", CAT)).name()).isEqualTo("猫 café.jpg");
        } finally {
            Files.delete(runtime); // a link out of the temporary folder, which JUnit would warn about
        }
        assertThat(files(work.resolve("store"))).anyMatch(file -> file.endsWith("猫 café.jpg"));
    }

    private static Stream<Path> files(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).toList().stream();
        }
    }
}
