package dev.sis.cli.client;

import dev.sis.client.Fit;
import dev.sis.client.Format;
import dev.sis.client.Gravity;
import dev.sis.client.ImageId;
import dev.sis.client.SisClient;
import dev.sis.client.SisClientBuilder;
import dev.sis.client.Variant;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sis get MD5[/NAME] [--w --h --fit --format --q --gravity|--fp] -o FILE}: downloads an original or a variant. */
@Command(name = "get", sortOptions = false,
        description = {"Downloads an image (any of its names, or MD5/NAME), or a variant of it. Without --w, --h, "
                + "--format and --q the original's bytes are saved untouched.", ""},
        footer = {"", "Exit codes: 0 saved, 1 refused by the server or no answer, 2 bad command line.",
                "Example: sis get MD5 --w 300 --h 200 --fit cover --format webp -o thumb.webp"})
final class GetCommand extends ClientCommand {
    static final String SIGNING_KEY_ENV = "SIS_SIGNING_KEY";

    @Mixin
    ServerOptions server;

    @Parameters(index = "0", paramLabel = "MD5[/NAME]", description = "The image: its MD5, or its MD5 and one of its names.")
    String image;

    @Option(names = "--signing-key", paramLabel = "KEY",
            description = "The key of a server that signs variant URLs (default: the " + SIGNING_KEY_ENV
                    + " variable; prefer it: flags show in process lists). Originals need none.")
    String signingKey;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE",
            description = "Where to save it; - writes to standard output. An existing file is kept unless --force.")
    String output;

    @Option(names = {"-f", "--force"}, description = "Replace FILE if it exists.")
    boolean force;

    @Option(names = "--w", paramLabel = "PIXELS", description = "Width, 1 to the server's maximum (10000 by default).")
    Integer width;

    @Option(names = "--h", paramLabel = "PIXELS", description = "Height, 1 to the server's maximum.")
    Integer height;

    @Option(names = "--fit", paramLabel = "FIT", description = "contain (the default), cover, stretch or inside.")
    String fit;

    @Option(names = "--format", paramLabel = "FORMAT", description = "jpeg, png, gif, webp or avif (avif: libvips engine only; default: the source's).")
    String format;

    @Option(names = "--q", paramLabel = "QUALITY", description = "JPEG and WebP quality, 1 to 100 (default 85).")
    Integer quality;

    @Option(names = "--gravity", paramLabel = "GRAVITY", description = "What --fit cover keeps: center, north, south, east, "
            + "west, northeast, northwest, southeast, southwest, smart, focal or auto (the default).")
    String gravity;

    @Option(names = "--fp", paramLabel = "X,Y", description = "A focal point for --fit cover, each 0 to 1, e.g. 0.3,0.6 (not with --gravity).")
    String focalPoint;

    GetCommand(Map<String, String> env, PrintStream out, PrintStream err) {
        super(env, out, err);
    }

    @Override
    int execute() {
        ImageId id = ImageId.parse(image);
        Variant variant = variant();
        Path target = output.equals("-") ? null : Path.of(output);
        if (target != null && Files.exists(target) && !force) {
            throw new IllegalArgumentException(output + " exists: choose another file, or add --force to replace it");
        }
        SisClientBuilder builder = server.builder(env);
        String key = signingKey != null ? signingKey : fromEnv(SIGNING_KEY_ENV);
        if (key != null) {
            builder.signingKey(key);
        }
        try (SisClient sis = builder.build()) {
            if (target == null) {
                try (InputStream in = sis.openStream(id, variant)) {
                    in.transferTo(out);
                    out.flush();
                } catch (IOException e) {
                    throw new UncheckedIOException("the download broke off: " + e.getMessage(), e);
                }
            } else {
                long bytes = sis.downloadTo(id, variant, target);
                err.println("sis get: saved " + target + " (" + bytes + " bytes)");
            }
        }
        return OK;
    }

    /** The value, or 0 (the variant's "not given") when the flag is absent; a flag says 1 or more. */
    private static int given(String flag, Integer value) {
        if (value != null && value < 1) {
            throw new IllegalArgumentException(flag + " must be 1 or more, got " + value);
        }
        return value == null ? 0 : value;
    }

    /** The variant asked for, or null for the original; --fit alone is checked but changes nothing. */
    private Variant variant() {
        Fit f = fit == null ? null : Fit.fromUrlName(fit);
        Format fmt = format == null ? null : Format.fromUrlName(format);
        if (width == null && height == null && fmt == null && quality == null) {
            return null;
        }
        return new Variant(given("--w", width), given("--h", height), f, fmt, given("--q", quality), gravity());
    }

    /** --gravity or --fp, or null for the server's default. */
    private Gravity gravity() {
        if (gravity != null && focalPoint != null) {
            throw new IllegalArgumentException("give --gravity or --fp, not both");
        }
        if (gravity != null) {
            return Gravity.named(gravity);
        }
        if (focalPoint == null) {
            return null;
        }
        String[] xy = focalPoint.split(",", -1);
        try {
            if (xy.length == 2) {
                return Gravity.point(Double.parseDouble(xy[0]), Double.parseDouble(xy[1]));
            }
        } catch (NumberFormatException notANumber) {
            // answered below
        }
        throw new IllegalArgumentException("--fp must be X,Y with each a number from 0 to 1, got " + focalPoint);
    }
}
