package dev.sis.cli;

import dev.sis.config.HeapShare;
import dev.sis.config.SisConfig;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * sis's own flags on a picocli command (every {@link Setting}, {@code -h}/{@code -help}/{@code --help}
 * and {@code -version}/{@code --version}), and what a parse of them asks for: a
 * {@link ParseResult}. {@code sis} (serve) and {@code sis check-config} read their arguments
 * through it; {@link #parse} is the same parse on its own, for {@code SisServer.config} and tests.
 * Thread-safe once built; one instance per command.
 */
public final class CommandLineParser {
    private final SettingFlags flags;

    private CommandLineParser(SettingFlags flags) {
        this.flags = flags;
    }

    /** Adds sis's flags to {@code spec}, reading the settings' variables from {@code env}. */
    public static CommandLineParser addTo(CommandSpec spec, Map<String, String> env) {
        spec.addOption(OptionSpec.builder("-h", "-help", "--help").usageHelp(true)
                .description("Print this help and exit.").build());
        spec.addOption(OptionSpec.builder("-version", "--version").versionHelp(true)
                .description("Print the version and exit.").build());
        spec.versionProvider(() -> new String[] {"sis " + version()});
        return new CommandLineParser(new SettingFlags(spec, "sis", Setting.ALL, env));
    }

    /** Parses for this JVM: a cache is judged against its heap (see {@link HeapShare}). */
    public static ParseResult parse(String[] args, Map<String, String> env) {
        return parse(args, env, HeapShare.maxHeap());
    }

    /**
     * Parses for a JVM whose maximum heap is {@code heapBytes}: what {@code --check-config} would
     * say in a container of another size.
     */
    public static ParseResult parse(String[] args, Map<String, String> env, long heapBytes) {
        CommandSpec spec = CommandSpec.create();
        CommandLineParser parser = addTo(spec, env);
        return parser.result(new CommandLine(spec).parseArgs(args), heapBytes, false);
    }

    /**
     * What {@code parsed} (this command's part of a parse) asks for; help wins over any problem.
     *
     * @param startsHere whether a server starts with it now, on this machine: then a data
     *                   directory that does not exist yet must be one it can make
     */
    public ParseResult result(CommandLine.ParseResult parsed, long heapBytes, boolean startsHere) {
        if (parsed.isUsageHelpRequested()) {
            return new ParseResult.Help(Usage.text());
        }
        if (parsed.isVersionHelpRequested()) {
            return new ParseResult.Version("sis " + version());
        }
        SettingValues values = flags.read(parsed);
        Optional<SisConfig> config = ConfigRules.validate(values, heapBytes, startsHere);
        return config.<ParseResult>map(ParseResult.Run::new)
                .orElseGet(() -> new ParseResult.Invalid(values.problems(), Usage.text()));
    }

    /** Prints each problem and the hint to {@code err}; returns the exit code for a bad command line. */
    static int refuse(PrintStream err, String command, List<String> problems, String hint) {
        problems.forEach(p -> err.println(command + ": " + p));
        err.print(hint);
        err.flush();
        return CommandLine.ExitCode.USAGE;
    }

    /** The version of the running jar, from its manifest. */
    public static String version() {
        String v = CommandLineParser.class.getPackage().getImplementationVersion();
        return v == null ? "(development build)" : v;
    }
}
