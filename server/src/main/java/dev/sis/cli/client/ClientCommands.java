package dev.sis.cli.client;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The client subcommands of {@code sis}: {@code upload}, {@code get}, {@code info} and
 * {@code delete}, built on the Java client ({@code dev.sis.client}). Each has {@code --help}.
 * Exit codes: 0 done, 1 the server refused or could not be reached (for {@code upload}: some
 * file failed), 2 a bad command line.
 */
public final class ClientCommands {
    /** The subcommand names {@code dev.sis.Main} hands over. */
    public static final Set<String> NAMES = Set.of("upload", "get", "info", "delete");

    @Command(name = "sis", description = "sis as a client of a sis server.")
    private static final class Root {
    }

    private ClientCommands() {
    }

    /**
     * Runs {@code args} (the subcommand's name first).
     *
     * @return the exit code
     */
    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        CommandLine commands = new CommandLine(new Root())
                .addSubcommand(new UploadCommand(env, out, err))
                .addSubcommand(new GetCommand(env, out, err))
                .addSubcommand(new InfoCommand(env, out, err))
                .addSubcommand(new DeleteCommand(env, out, err))
                .setExpandAtFiles(false) // "@file" is a file name to upload, never a list of arguments
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true));
        commands.setParameterExceptionHandler((e, ignored) -> {
            CommandLine failed = e.getCommandLine();
            err.println(failed.getCommandSpec().qualifiedName() + ": " + e.getMessage());
            err.println("Run " + failed.getCommandSpec().qualifiedName() + " --help for usage.");
            return ClientCommand.USAGE;
        });
        commands.setExecutionExceptionHandler((e, failed, ignored) -> {
            err.println(failed.getCommandSpec().qualifiedName() + ": failed: " + e);
            return ClientCommand.FAILED;
        });
        return commands.execute(args);
    }
}
