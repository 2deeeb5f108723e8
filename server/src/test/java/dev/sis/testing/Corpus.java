package dev.sis.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Real photos for the quality and memory tests, from {@code ../shared/bench/corpus.sh} (Debian's
 * wallpaper packages plus ImageMagick variants), and ImageMagick itself as the reference.
 *
 * <p>The corpus lives outside the clone ({@code sis.corpus.dir}, set by the build from
 * {@code SIS_CORPUS_DIR}, default {@code ~/.cache/sis-corpus}) so that reruns reuse it. CI builds
 * it before the tests ({@code .ci/run}); anyone else gets it built here, once, on first use, by
 * the same script (it needs root for apt-get, as on every sis machine). When it cannot be had
 * the tests that need it fail, naming the reason: they never skip.
 */
public final class Corpus {
    /** ImageMagick's convert, as the corpus script installs and uses it. */
    public static final Path CONVERT = Path.of("/usr/bin/convert");

    private static Path ready;

    private Corpus() {
    }

    /** A file of the corpus, building the corpus first when it is not there yet. */
    public static synchronized Path file(String name) {
        Path dir = dir();
        Path file = dir.resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("the corpus in " + dir + " has no " + name
                    + "; delete the folder to have it built again");
        }
        return file;
    }

    private static Path dir() {
        if (ready != null) {
            return ready;
        }
        Path dir = Path.of(System.getProperty("sis.corpus.dir", System.getProperty("user.home") + "/.cache/sis-corpus"));
        if (!Files.exists(dir.resolve(".complete"))) {
            Path script = Path.of(System.getProperty("sis.corpus.script", "../shared/bench/corpus.sh"));
            if (!Files.isRegularFile(script)) {
                throw new IllegalStateException("no photo corpus in " + dir + " and no " + script
                        + " to build it (the shared folder must sit beside the clone)");
            }
            run(List.of("bash", script.toAbsolutePath().toString(), dir.toString()), 30);
        }
        if (!Files.isExecutable(CONVERT)) {
            throw new IllegalStateException("ImageMagick (" + CONVERT + ") is missing although the corpus is there;"
                    + " delete " + dir + " to have the corpus script install it again");
        }
        ready = dir;
        return dir;
    }

    /** Runs ImageMagick's convert with {@code args}. */
    public static void convert(String... args) {
        List<String> command = new ArrayList<>();
        command.add(CONVERT.toString());
        command.addAll(List.of(args));
        run(command, 5);
    }

    private static void run(List<String> command, int minutes) {
        try {
            Path log = Files.createTempFile("sis-corpus", ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(command + " did not finish in " + minutes + " minutes");
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            Files.deleteIfExists(log);
            if (process.exitValue() != 0) {
                throw new IllegalStateException(command + " failed (" + process.exitValue() + "):\n" + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + command, e);
        }
    }
}
