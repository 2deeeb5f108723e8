package dev.sis.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spool folders are owned by a lock, not a process id: a folder is removed only once nobody
 * holds its lock, whichever process (or container) made it.
 */
class SpoolDirectoryTest {
    @TempDir
    Path base;

    @Test
    void opensAnEmptyFolderOfItsOwnAndRemovesItWhenClosed() throws IOException {
        SpoolDirectory spool = SpoolDirectory.open(base);
        Files.write(spool.path().resolve("up-1.tmp"), new byte[] {1});
        assertThat(spool.path().getParent()).isEqualTo(base);

        spool.close();

        assertThat(base).isEmptyDirectory();
    }

    @Test
    void twoOpenFoldersUnderOneBaseLeaveEachOtherAlone() throws IOException {
        try (SpoolDirectory first = SpoolDirectory.open(base)) {
            Files.write(first.path().resolve("up-1.tmp"), new byte[] {1});
            try (SpoolDirectory second = SpoolDirectory.open(base)) {
                assertThat(second.path()).isNotEqualTo(first.path());
                assertThat(first.path().resolve("up-1.tmp")).exists();
            }
            assertThat(first.path().resolve("up-1.tmp")).exists();
        }
    }

    @Test
    void aFolderHeldByAnotherProcessIsKeptAndRemovedOnceThatProcessIsKilled() throws Exception {
        Process holder = startHolder(base);
        try {
            Path held = Path.of(new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))
                    .readLine());
            Files.write(held.resolve("up-1.tmp"), new byte[] {1});

            SpoolDirectory.open(base).close();
            assertThat(held.resolve("up-1.tmp")).exists();

            holder.destroyForcibly();
            assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
            try (SpoolDirectory mine = SpoolDirectory.open(base)) {
                assertThat(held).doesNotExist();
                assertThat(entries()).containsExactlyInAnyOrder(mine.path().getFileName().toString(),
                        mine.path().getFileName() + ".lock");
            }
        } finally {
            holder.destroyForcibly();
        }
    }

    @Test
    void leftoversOfACrashAreRemovedAndOtherEntriesKept() throws IOException {
        Path crashed = Files.createDirectories(base.resolve("spool-crashed"));
        Files.write(crashed.resolve("up-1.tmp"), new byte[] {1});
        Files.createFile(base.resolve("spool-crashed.lock"));
        Files.createFile(base.resolve("spool-lockonly.lock"));
        Path notOurs = Files.createDirectories(base.resolve("keep-me"));
        Path oldStyle = Files.createDirectories(base.resolve("12345"));

        try (SpoolDirectory ignored = SpoolDirectory.open(base)) {
            assertThat(crashed).doesNotExist();
            assertThat(base.resolve("spool-crashed.lock")).doesNotExist();
            assertThat(base.resolve("spool-lockonly.lock")).doesNotExist();
            assertThat(notOurs).exists();
            assertThat(oldStyle).exists();
        }
    }

    private List<String> entries() throws IOException {
        try (Stream<Path> list = Files.list(base)) {
            return list.map(p -> p.getFileName().toString()).toList();
        }
    }

    /** Another JVM that opens a spool folder under {@code base}, prints it and waits to be killed. */
    private static Process startHolder(Path base) throws IOException {
        return new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Holder.class.getName(), base.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
    }

    /** The other process of {@link #aFolderHeldByAnotherProcessIsKeptAndRemovedOnceThatProcessIsKilled}. */
    static final class Holder {
        public static void main(String[] args) throws Exception {
            SpoolDirectory spool = SpoolDirectory.open(Path.of(args[0]));
            System.out.println(spool.path());
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
