package dev.sis.cli.client;

import dev.sis.client.ApiMode;
import dev.sis.client.SisClient;
import dev.sis.client.SisClientBuilder;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options every client subcommand shares: which server, and which of its APIs. */
final class ServerOptions {
    static final String DEFAULT_SERVER = "http://localhost:3333";
    static final String SERVER_ENV = "SIS_SERVER";

    @Option(names = "--server", paramLabel = "URL",
            description = "The sis server (default: the SIS_SERVER variable, else " + DEFAULT_SERVER + ").")
    String server;

    @Option(names = "--legacy", description = "Talk to a sis 2.0 server: its /up and download routes (no info, no delete; "
            + "variants are exact stretches: --w, --h and --fit stretch).")
    boolean legacy;

    /** The server's URL: the flag, else the variable, else the default. */
    String serverUrl(Map<String, String> env) {
        if (server != null) {
            return server;
        }
        String fromEnv = env.get(SERVER_ENV);
        return fromEnv == null || fromEnv.isBlank() ? DEFAULT_SERVER : fromEnv;
    }

    /** @throws IllegalArgumentException when the URL is not an http or https URL with a host */
    SisClientBuilder builder(Map<String, String> env) {
        return SisClient.builder(serverUrl(env)).mode(legacy ? ApiMode.LEGACY : ApiMode.V1);
    }
}
