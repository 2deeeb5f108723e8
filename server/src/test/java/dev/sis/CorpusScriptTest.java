package dev.sis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.testing.Executables;
import dev.sis.testing.ProcessRun;
import dev.sis.testing.Slow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench/corpus.sh}, the project's builder of the photo corpus, on a machine without the
 * Debian tools it builds with: {@code --check} names each missing tool in one line (the skip reason
 * of the tests that need the corpus), a build refuses with the same line and writes nothing,
 * and a corpus already built needs none of them. (Building it for real is what the corpus tests
 * do on a Debian machine.)
 */
@Slow
class CorpusScriptTest {
    @TempDir
    Path dir;
    private Path bareTools;
    private Path corpus;

    /** A PATH with only what the script needs beyond the tools it checks for. */
    @BeforeEach
    void bareMachine() throws IOException {
        bareTools = Executables.onlyThese(dir.resolve("tools"), List.of("id", "sed"));
        corpus = dir.resolve("corpus");
    }

    @Test
    void checkNamesEachMissingToolInOneLine() {
        ProcessRun run = corpusScript("--check", corpus.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        assertThat(run.out()).isEqualTo("no photo corpus in " + corpus + " and it cannot be built here: missing "
                + "apt-get (the corpus comes from Debian packages: build it on Debian or Ubuntu), dpkg-deb (Debian's dpkg), "
                + "ImageMagick's convert (apt-get install imagemagick)\n");
    }

    @Test
    void aBuildWithoutTheToolsRefusesAndWritesNothing() {
        ProcessRun run = corpusScript(corpus.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.stderr()).startsWith("corpus: no photo corpus in " + corpus + " and it cannot be built here: missing apt-get");
        assertThat(corpus).doesNotExist();
    }

    @Test
    void aCompleteCorpusNeedsNoTool() throws IOException {
        Files.createDirectories(corpus);
        Files.createFile(corpus.resolve(".complete"));

        ProcessRun check = corpusScript("--check", corpus.toString());
        ProcessRun build = corpusScript(corpus.toString());

        assertThat(check.exitCode()).as(check.toString()).isZero();
        assertThat(check.out()).isEmpty();
        assertThat(build.exitCode()).as(build.toString()).isZero();
        assertThat(build.out()).isEqualTo("corpus ready in " + corpus + "\n");
    }

    private ProcessRun corpusScript(String... args) {
        Path bash = Executables.onPath("bash").orElseThrow(() -> new IllegalStateException("bench/corpus.sh needs bash"));
        List<String> command = new ArrayList<>(List.of(bash.toString(), Path.of("bench/corpus.sh").toAbsolutePath().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().clear();
        builder.environment().put("PATH", bareTools.toString());
        builder.environment().put("HOME", dir.toString());
        return ProcessRun.of(builder);
    }
}
