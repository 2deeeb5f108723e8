package dev.sis.cli.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.sis.client.ImageInfo;
import dev.sis.client.SisClient;
import java.io.PrintStream;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code sis info MD5}: prints what the server knows of an image, as JSON. */
@Command(name = "info", 
        description = {"Prints what the server knows of an image, as JSON: its names, size, content type, format, "
                + "width, height and frames (GET /v1/info/MD5; not on sis 2.0).", ""},
        footer = {"", "Exit codes: 0 printed, 1 no such image or no answer, 2 bad command line."})
final class InfoCommand extends ClientCommand {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Mixin
    ServerOptions server;

    @Parameters(index = "0", paramLabel = "MD5", description = "The image's MD5.")
    String md5;

    InfoCommand(Map<String, String> env, PrintStream out, PrintStream err) {
        super(env, out, err);
    }

    @Override
    int execute() {
        try (SisClient sis = server.builder(env).build()) {
            ImageInfo info = sis.info(md5);
            out.println(JSON.writeValueAsString(info));
            return OK;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a record always converts to JSON", e);
        }
    }
}
