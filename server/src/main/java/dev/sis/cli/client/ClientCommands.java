package dev.sis.cli.client;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * The client subcommands of {@code sis}: {@code upload}, {@code get}, {@code info} and
 * {@code delete}, built on the Java client ({@code dev.sis.client}). Each has {@code --help}.
 * Exit codes: 0 done, 1 the server refused or could not be reached (for {@code upload}: some
 * file failed), 2 a bad command line.
 */
public final class ClientCommands {
    private ClientCommands() {
    }

    /** The four commands, annotated for picocli, printing to {@code out} and {@code err}. */
    public static List<Object> create(Map<String, String> env, PrintStream out, PrintStream err) {
        return List.of(new UploadCommand(env, out, err), new GetCommand(env, out, err), new InfoCommand(env, out, err),
                new DeleteCommand(env, out, err));
    }
}
