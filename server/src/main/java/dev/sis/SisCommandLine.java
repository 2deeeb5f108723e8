package dev.sis;

import dev.sis.cli.CheckConfigCommand;
import dev.sis.cli.ServeCommand;
import dev.sis.cli.SignCommand;
import dev.sis.cli.client.ClientCommands;
import dev.sis.migrate.MigrateCommand;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.RunLast;

/**
 * sis's one command tree: {@code sis [flags]} serves; {@code check-config} (or
 * {@code --check-config}) checks the flags; {@code upload}, {@code get}, {@code info} and
 * {@code delete} are a client of a sis server; {@code migrate} copies a store; {@code sign} signs
 * variant URLs. Every command reports a bad command line with exit code 2, naming the command.
 */
public final class SisCommandLine {
    private SisCommandLine() {
    }

    /**
     * Runs {@code args}: help and results go to {@code out}, problems to {@code err}.
     *
     * @return the exit code
     */
    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err,
                          ServeCommand.Server server) {
        return tree(env, out, err, server).execute(args);
    }

    /** Every command, ready to run; CommandFlagsDocTest checks that the docs name their flags. */
    static CommandLine tree(Map<String, String> env, PrintStream out, PrintStream err, ServeCommand.Server server) {
        CommandLine sis = ServeCommand.commandLine(env, err, server);
        CommandLine check = CheckConfigCommand.commandLine(env, out, err);
        sis.addSubcommand(CheckConfigCommand.NAMES[0], check, Arrays.copyOfRange(CheckConfigCommand.NAMES, 1,
                CheckConfigCommand.NAMES.length));
        ClientCommands.create(env, out, err).forEach(sis::addSubcommand);
        sis.addSubcommand(MigrateCommand.NAME, MigrateCommand.commandLine(env, out, err));
        sis.addSubcommand(SignCommand.NAME, SignCommand.commandLine(env, out, err));
        sis.setExpandAtFiles(false) // "@file" is a value or a file to upload, never a list of arguments
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true));
        sis.setParameterExceptionHandler((e, ignored) -> {
            String command = e.getCommandLine().getCommandSpec().qualifiedName();
            err.println(command + ": " + e.getMessage());
            err.println("Run " + command + " --help for usage.");
            return ExitCode.USAGE;
        });
        sis.setExecutionExceptionHandler((e, failed, ignored) -> {
            err.println(failed.getCommandSpec().qualifiedName() + ": failed: " + e);
            return ExitCode.SOFTWARE;
        });
        sis.setExecutionStrategy(parsed -> {
            // sis's flags before a subcommand would be silently dropped: say where they go instead.
            if (parsed.hasSubcommand() && !(parsed.matchedArgs().isEmpty() && parsed.unmatched().isEmpty())) {
                String name = parsed.subcommand().commandSpec().name();
                err.println("sis: " + name + " comes first, its flags after it: sis " + name + " …");
                return ExitCode.USAGE;
            }
            return new RunLast().execute(parsed);
        });
        return sis;
    }
}
