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
 * {@code sis check-config [flags]} (also spelled {@code --check-config}, as before): checks sis's
 * flags, the environment and the data directory as a start would and says whether they are valid (exit 0) or what
 * is wrong (exit 2), without serving and without creating anything. For deployment manifests and
 * scripts.
 */
public final class CheckConfigCommand implements Callable<Integer> {
    /** The name, then the spellings that also run it. */
    public static final String[] NAMES = {"check-config", "--check-config", "-check-config"};
    private static final String HELP = """
            Usage: sis check-config [flags]   (or: sis --check-config [flags])

            Checks the flags, the environment and the data directory as a start would, prints
            whether they are valid, and exits (0 valid, 2 not) without serving and without
            creating anything. It takes sis's flags: see sis --help.
            """;

    private final CommandSpec spec = CommandSpec.wrapWithoutInspection(this);
    private final CommandLineParser flags;
    private final PrintStream out;
    private final PrintStream err;

    private CheckConfigCommand(Map<String, String> env, PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
        this.flags = CommandLineParser.addTo(spec.name(NAMES[0]), env);
        Usage.install(spec, HELP);
    }

    public static CommandLine commandLine(Map<String, String> env, PrintStream out, PrintStream err) {
        return new CommandLine(new CheckConfigCommand(env, out, err).spec);
    }

    @Override
    public Integer call() {
        return switch (flags.result(spec.commandLine().getParseResult(), HeapShare.maxHeap(), false)) {
            case ParseResult.Run(SisConfig config) -> {
                out.println("sis: the configuration is valid (" + config.store().modeName()
                        + " store, port " + config.server().port() + ")");
                yield ExitCode.OK;
            }
            case ParseResult.Invalid invalid -> CommandLineParser.refuse(err, "sis", invalid.problems(),
                    "Run with --help for usage.\n");
            case ParseResult.Help help -> throw new IllegalStateException("picocli prints the help");
            case ParseResult.Version version -> throw new IllegalStateException("picocli prints the version");
        };
    }
}
