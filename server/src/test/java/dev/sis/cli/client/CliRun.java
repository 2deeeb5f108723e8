package dev.sis.cli.client;

import dev.sis.testing.ProcessRun;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code sis SUBCOMMAND …} as a real child process ({@code java -cp … dev.sis.Main}), run to its end. */
final class CliRun {
    private CliRun() {
    }

    /** Runs with no {@code SIS_…} variable but those in {@code env}, in {@code workDir}. */
    static ProcessRun of(Path workDir, Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.sis.Main"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("SIS_"));
        builder.environment().putAll(env);
        return ProcessRun.of(builder);
    }
}
