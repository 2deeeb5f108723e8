package dev.sis;

import ch.qos.logback.classic.LoggerContext;
import dev.sis.config.SisConfig;
import java.io.PrintStream;
import java.util.Map;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/** Entry point of {@code java -jar sis.jar}: flags and environment → config → {@link SisServer}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        int code = run(args, System.getenv(), System.out, System.err, Main::serve);
        if (code != 0) {
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
        return SisCommandLine.run(args, env, out, err, server::serve);
    }
}
