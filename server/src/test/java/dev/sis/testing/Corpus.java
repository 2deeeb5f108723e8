package dev.sis.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Real photos for the quality and memory tests, from the project's {@code bench/corpus.sh}
 * (Debian's wallpaper packages plus ImageMagick variants), and ImageMagick itself as the reference.
 *
 * <p>The corpus lives outside the clone ({@code sis.corpus.dir}, set by the build from
 * {@code SIS_CORPUS_DIR}, default {@code ~/.cache/sis-corpus}) so that reruns reuse it. A test
 * that reads it says so with {@code @Requires(PHOTO_CORPUS)}: where the corpus is neither built
 * nor buildable the test is skipped ({@link Prerequisite#PHOTO_CORPUS}); where it can be built,
 * the first test to ask builds it here, once, and a failed build fails that test.
 */
public final class Corpus {
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
        Path dir = Prerequisite.corpusDir(Prerequisite::systemProperty);
        if (!Files.exists(dir.resolve(".complete"))) {
            Path script = Prerequisite.corpusScript(Prerequisite::systemProperty);
            run(List.of("bash", script.toAbsolutePath().toString(), dir.toString()), 30);
        }
        ready = dir;
        return dir;
    }

    /** Runs ImageMagick's convert with {@code args} (a test that calls it requires {@link Prerequisite#IMAGEMAGICK}). */
    public static void convert(String... args) {
        List<String> command = new ArrayList<>();
        command.add(Prerequisite.convert(Prerequisite::systemProperty).toString());
        command.addAll(List.of(args));
        run(command, 5);
    }

    /** The folder of Ghostscript's ICC profiles (a test that reads it requires {@link Prerequisite#ICC_PROFILES}). */
    public static Path iccProfiles() {
        return Prerequisite.iccProfiles(Prerequisite::systemProperty);
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
