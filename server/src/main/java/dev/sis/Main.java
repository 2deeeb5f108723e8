package dev.sis;

import ch.qos.logback.classic.LoggerContext;
import dev.sis.cli.CommandLineParser;
import dev.sis.cli.ParseResult;
import dev.sis.cli.SignCommand;
import dev.sis.cli.client.ClientCommands;
import dev.sis.config.SisConfig;
import dev.sis.migrate.MigrateCommand;
import java.io.PrintStream;
import java.util.Map;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/** Entry point of {@code java -jar sis.jar}: flags and environment → config → {@link SisServer}. */
public final class Main {
    /** Exit code when the server stopped normally, or help or the version was printed. */
    static final int EXIT_OK = 0;
    /** Exit code when the server could not start or failed while running. */
    static final int EXIT_FAILED = 1;
    /** Exit code for a bad flag or environment variable. */
    static final int EXIT_USAGE = 2;
    /**
     * {@code sis --check-config FLAGS…}: validates the flags and the environment as a start
     * would, then exits 0 (valid) or 2 (the problems are printed) without serving. For
     * deployment manifests and scripts.
     */
    static final java.util.Set<String> CHECK_CONFIG = java.util.Set.of("--check-config", "-check-config");

    private Main() {
    }

    public static void main(String[] args) {
        int code = run(args, System.getenv(), System.out, System.err, Main::serve);
        if (code != EXIT_OK) {
            System.exit(code);
        }
    }

    /**
     * Runs the server until a shutdown signal stops it. The process-wide parts live here, not in
     * {@link SisServer}, because an embedded server must leave them to its host: the log format,
     * {@code java.util.logging} routed to SLF4J, and the shutdown hook through which SIGTERM,
     * SIGINT and SIGHUP stop the server gracefully (in-flight requests finish, then the JVM exits).
     */
    private static void serve(SisConfig config) throws InterruptedException {
        // Read by Logback when the first logger is made, which is after this line. sis's own
        // configurations have names of their own, so that the jar on a host program's class
        // path configures nothing there; a configuration given with -D is kept for text logs.
        if (config.logFormat() == SisConfig.LogFormat.JSON) {
            System.setProperty("logback.configurationFile", "sis-logback-json.xml");
        } else if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "sis-logback.xml");
        }
        // JDK components (ImageIO, preferences) log through java.util.logging: one format for every line.
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        SisServer server = SisServer.start(config);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            flushLogs();
        }, "sis-shutdown"));
        server.awaitStop();
    }

    /** Writes what the access log still has queued (see sis-logback.xml) before the JVM exits. */
    private static void flushLogs() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logback) {
            logback.stop();
        }
    }

    /** What runs once the configuration is valid; tests pass a fake. */
    @FunctionalInterface
    interface Server {
        void serve(SisConfig config) throws Exception;
    }

    /**
     * Everything {@link #main} does except exiting, for tests: returns the exit code.
     * Help and the version go to {@code out}; problems, one per line and then a hint, go to {@code err}.
     */
    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err, Server server) {
        if (args.length > 0 && args[0].equals(SignCommand.NAME)) {
            return SignCommand.run(java.util.Arrays.asList(args).subList(1, args.length), env, out, err);
        }
        if (args.length > 0 && ClientCommands.NAMES.contains(args[0])) {
            return ClientCommands.run(args, env, out, err);
        }
        if (args.length > 0 && args[0].equals(MigrateCommand.NAME)) {
            return MigrateCommand.run(java.util.Arrays.asList(args).subList(1, args.length), env, out, err);
        }
        boolean checkOnly = args.length > 0 && CHECK_CONFIG.contains(args[0]);
        if (checkOnly) {
            args = java.util.Arrays.copyOfRange(args, 1, args.length);
        }
        return switch (CommandLineParser.parse(args, env)) {
            case ParseResult.Help(String text) -> print(out, text);
            case ParseResult.Version(String text) -> print(out, text + "\n");
            case ParseResult.Invalid(var problems, var usage) -> {
                problems.forEach(p -> err.println("sis: " + p));
                err.println("Run with --help for usage.");
                yield EXIT_USAGE;
            }
            case ParseResult.Run(SisConfig config) when checkOnly -> {
                out.println("sis: the configuration is valid (" + config.store().mode().name().toLowerCase(java.util.Locale.ROOT)
                        + " store, port " + config.server().port() + ")");
                yield EXIT_OK;
            }
            case ParseResult.Run(SisConfig config) -> {
                try {
                    server.serve(config);
                    yield EXIT_OK;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    err.println("sis: interrupted");
                    yield EXIT_FAILED;
                } catch (Exception e) {
                    err.println("sis: " + (e.getMessage() != null ? e.getMessage() : e.toString()));
                    yield EXIT_FAILED;
                }
            }
        };
    }

    private static int print(PrintStream out, String text) {
        out.print(text);
        out.flush();
        return EXIT_OK;
    }
}
