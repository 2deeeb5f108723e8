package dev.sis.cli.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One run of {@code sis SUBCOMMAND …} as a real child process ({@code java -cp … dev.sis.Main}),
 * as a person or a script runs it: its exit code, standard output and standard error.
 */
record CliRun(int exitCode, byte[] stdout, String stderr) {
    /** A run that has not ended by then is killed and fails the test; it is a hang, not a slow run. */
    private static final long HANG_MINUTES = 3;

    String out() {
        return new String(stdout, StandardCharsets.UTF_8);
    }

    List<String> outLines() {
        return out().lines().toList();
    }

    /** Runs with no {@code SIS_…} variable but those in {@code env}, in {@code workDir}. */
    static CliRun of(Path workDir, Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.sis.Main"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("SIS_"));
        builder.environment().putAll(env);
        try {
            Path out = Files.createTempFile("sis-cli-out", ".bin");
            Path err = Files.createTempFile("sis-cli-err", ".txt");
            try {
                Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
                if (!process.waitFor(HANG_MINUTES, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    throw new AssertionError("sis " + String.join(" ", args) + " did not end: " + Files.readString(err));
                }
                return new CliRun(process.exitValue(), Files.readAllBytes(out), Files.readString(err, StandardCharsets.UTF_8));
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

    @Override
    public String toString() {
        return "exit " + exitCode + "\nstdout: " + out() + "\nstderr: " + stderr;
    }
}
