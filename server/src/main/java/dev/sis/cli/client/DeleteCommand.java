package dev.sis.cli.client;

import dev.sis.client.ImageId;
import dev.sis.client.SisClient;
import java.io.PrintStream;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sis delete MD5[/NAME]}: removes an image (every name, or one) with the admin token. */
@Command(name = "delete", 
        description = {"Deletes an image: every name of the MD5 and its variants, or only MD5/NAME (the variants go "
                + "with the last name). Needs the server's admin token (not on sis 2.0).", ""},
        footer = {"", "Exit codes: 0 deleted, 1 refused (no such image, a wrong token) or no answer,",
                "2 bad command line."})
final class DeleteCommand extends ClientCommand {
    static final String TOKEN_ENV = "SIS_ADMIN_TOKEN";

    @Mixin
    ServerOptions server;

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "The server's admin token (default: the " + TOKEN_ENV + " variable; prefer it: flags show in process lists).")
    String token;

    @Parameters(index = "0", paramLabel = "MD5[/NAME]", description = "The image, or one name of it.")
    String image;

    DeleteCommand(Map<String, String> env, PrintStream out, PrintStream err) {
        super(env, out, err);
    }

    @Override
    int execute() {
        ImageId id = ImageId.parse(image);
        String admin = token != null ? token : fromEnv(TOKEN_ENV);
        var builder = server.builder(env);
        if (admin != null) {
            builder.adminToken(admin);
        }
        try (SisClient sis = builder.build()) {
            sis.delete(id);
        }
        out.println("deleted " + id);
        return OK;
    }
}
