package dev.sis.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One run of a real child process to its end, as a person or a script runs it: its exit code,
 * standard output and standard error. Standard input is empty (not a terminal).
 */
public record ProcessRun(int exitCode, byte[] stdout, String stderr) {
    /** A run that has not ended by then is killed and fails the test; it is a hang, not a slow run. */
    private static final long HANG_MINUTES = 3;

    /** Runs {@code builder}'s command, in its directory and environment, to its end. */
    public static ProcessRun of(ProcessBuilder builder) {
        try {
            Path out = Files.createTempFile("sis-run-out", ".bin");
            Path err = Files.createTempFile("sis-run-err", ".txt");
            try {
                Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
                if (!process.waitFor(HANG_MINUTES, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    throw new AssertionError(String.join(" ", builder.command()) + " did not end: " + Files.readString(err));
                }
                return new ProcessRun(process.exitValue(), Files.readAllBytes(out), Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    public String out() {
        return new String(stdout, StandardCharsets.UTF_8);
    }

    public List<String> outLines() {
        return out().lines().toList();
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\nstdout: " + out() + "\nstderr: " + stderr;
    }
}
