package dev.sis.cli.client;

import dev.sis.client.SisClientException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * What the client subcommands share: the environment and the output streams they were given,
 * and one way of turning failures into a message and an exit code (0 done, 1 failed,
 * 2 bad command line).
 */
abstract class ClientCommand implements Callable<Integer> {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    final Map<String, String> env;
    final PrintStream out;
    final PrintStream err;

    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Print this help and exit.")
    boolean help;

    ClientCommand(Map<String, String> env, PrintStream out, PrintStream err) {
        this.env = env;
        this.out = out;
        this.err = err;
    }

    /** Does the work; a bad argument is an {@link IllegalArgumentException}. */
    abstract int execute();

    @Override
    public final Integer call() {
        try {
            return execute();
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            // A bad MD5, variant or server URL, or what --legacy cannot do: the command line is wrong.
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        } catch (SisClientException | UncheckedIOException e) {
            err.println(spec.qualifiedName() + ": " + e.getMessage());
            return FAILED;
        }
    }

    /** The variable's value, or null when it is unset or empty. */
    String fromEnv(String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : value;
    }
}
