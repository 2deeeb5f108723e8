package dev.sis.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.SisCommandLine;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of bad command line gives exit code 2, says what is wrong and how to get help, and
 * sends nothing. Run in this JVM through the command tree {@code dev.sis.Main} runs (the process
 * tests show that wiring); nothing listens on the server these command lines name.
 */
class ClientCommandsUsageTest {
    private static final String MD5 = "0123456789abcdef0123456789abcdef";
    private static final Map<String, String> ENV = Map.of("SIS_SERVER", "http://127.0.0.1:9");

    @TempDir
    Path empty;

    @Test
    void aBadCommandLineIsExitCode2WithWhatIsWrong() {
        String dir = empty.toString();
        Map<List<String>, String> cases = Map.ofEntries(
                Map.entry(List.of("upload"), "Missing required parameter: 'FILE|DIR'"),
                Map.entry(List.of("upload", dir + "/no-such-dir"), "no such file or directory: " + dir + "/no-such-dir"),
                Map.entry(List.of("upload", dir), "nothing to upload"),
                Map.entry(List.of("upload", "--parallel", "65", dir), "--parallel must be from 1 to 64"),
                Map.entry(List.of("upload", "--parallel", "many", dir), "Invalid value for option '--parallel'"),
                Map.entry(List.of("upload", "--server", "localhost:3333", dir), "the server must be an http or https URL"),
                Map.entry(List.of("upload", "--server", "http://bad host/", dir), "the server must be an http or https URL"),
                Map.entry(List.of("get", "not-an-md5", "-o", "x"), "an MD5 is 32 hexadecimal digits"),
                Map.entry(List.of("get", MD5 + "/", "-o", "x"), "a file name must not be empty"),
                Map.entry(List.of("get", MD5), "Missing required option: '--output=FILE'"),
                Map.entry(List.of("get", MD5, "--w", "0", "-o", "x"), "--w must be 1 or more"),
                Map.entry(List.of("get", MD5, "--h", "2000000", "-o", "x"), "h must be from 1 to 1048576"),
                Map.entry(List.of("get", MD5, "--q", "0", "-o", "x"), "--q must be 1 or more"),
                Map.entry(List.of("get", MD5, "--fit", "crop", "--w", "9", "-o", "x"), "fit must be one of contain, cover"),
                Map.entry(List.of("get", MD5, "--format", "tiff", "-o", "x"), "format must be one of jpeg, png, gif, webp"),
                Map.entry(List.of("get", "--legacy", MD5, "--w", "30", "-o", "x"), "sis 2.0 makes only exact stretches"),
                Map.entry(List.of("info"), "Missing required parameter: 'MD5'"),
                Map.entry(List.of("info", MD5, "--legacy"), "sis 2.0 has no info route"),
                Map.entry(List.of("info", "--bogus", MD5), "Unknown option: '--bogus'"),
                Map.entry(List.of("delete", MD5 + "/a/b"), "a file name must not contain /"),
                Map.entry(List.of("delete", "--legacy", MD5), "sis 2.0 cannot delete"),
                Map.entry(List.of("delete", MD5, "--token", " "), "the admin token must not be empty"));
        cases.forEach((args, message) -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();

            int code = SisCommandLine.run(args.toArray(String[]::new), ENV, new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8), config -> {
                        throw new AssertionError("a client command does not serve");
                    });

            String said = err.toString(StandardCharsets.UTF_8);
            assertThat(code).as(args + ": " + said).isEqualTo(2);
            assertThat(said).as(args.toString()).startsWith("sis " + args.getFirst() + ": ").contains(message)
                    .endsWith("Run sis " + args.getFirst() + " --help for usage.\n");
            assertThat(out.size()).as(args.toString()).isZero();
        });
    }
}
