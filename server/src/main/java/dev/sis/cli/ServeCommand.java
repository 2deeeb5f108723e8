package dev.sis.cli;

import dev.sis.config.HeapShare;
import dev.sis.config.SisConfig;
import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code sis [flags]}: the root of sis's command tree, which serves. Every problem of the flags
 * and the environment is printed at once (exit 2); a server that cannot start or fails exits 1.
 */
public final class ServeCommand implements Callable<Integer> {
    /** Runs the server with a valid configuration until it stops; tests pass a fake. */
    @FunctionalInterface
    public interface Server {
        void serve(SisConfig config) throws Exception;
    }

    private final CommandSpec spec = CommandSpec.wrapWithoutInspection(this);
    private final CommandLineParser flags;
    private final PrintStream err;
    private final Server server;

    private ServeCommand(Map<String, String> env, PrintStream err, Server server) {
        this.err = err;
        this.server = server;
        this.flags = CommandLineParser.addTo(spec.name("sis"), env);
        Usage.install(spec, Usage.text());
    }

    /** The root command; its subcommands are added by the caller. */
    public static CommandLine commandLine(Map<String, String> env, PrintStream err, Server server) {
        return new CommandLine(new ServeCommand(env, err, server).spec);
    }

    /** Help and the version are printed by picocli before this runs. */
    @Override
    public Integer call() {
        return switch (flags.result(spec.commandLine().getParseResult(), HeapShare.maxHeap(), true)) {
            case ParseResult.Run(SisConfig config) -> serve(config);
            case ParseResult.Invalid invalid -> CommandLineParser.refuse(err, "sis", invalid.problems(),
                    "Run with --help for usage.\n");
            case ParseResult.Help help -> throw new IllegalStateException("picocli prints the help");
            case ParseResult.Version version -> throw new IllegalStateException("picocli prints the version");
        };
    }

    private int serve(SisConfig config) {
        try {
            server.serve(config);
            return ExitCode.OK;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("sis: interrupted");
            return ExitCode.SOFTWARE;
        } catch (Exception e) {
            err.println("sis: " + (e.getMessage() != null ? e.getMessage() : e.toString()));
            return ExitCode.SOFTWARE;
        }
    }
}
