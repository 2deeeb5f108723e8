package dev.sis.cli.client;

import dev.sis.client.Fit;
import dev.sis.client.Format;
import dev.sis.client.Gravity;
import dev.sis.client.ImageId;
import dev.sis.client.SisClient;
import dev.sis.client.SisClientBuilder;
import dev.sis.client.Adjustments;
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

/**
 * {@code sis get MD5[/NAME] [--w --h --fit --format --q --gravity|--fp --crop --rotate --flip --bg --dpr --blur --sharpen --wm | --preset]
 * -o FILE}: downloads an original or a variant.
 */
@Command(name = "get", sortOptions = false,
        description = {"Downloads an image (any of its names, or MD5/NAME), or a variant of it. Without --w, --h, "
                + "--format, --q, the geometry and effect options, --wm and --preset the original's bytes are saved untouched.", ""},
        footer = {"", "Exit codes: 0 saved, 1 refused by the server or no answer, 2 bad command line.",
                "Example: sis get MD5 --w 300 --h 200 --fit cover --format webp -o thumb.webp",
                "         sis get MD5 --preset thumb -o thumb.jpg"})
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

    @Option(names = "--fit", paramLabel = "FIT", description = "contain (the default), cover, stretch, inside or pad.")
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

    @Option(names = "--preset", paramLabel = "NAME",
            description = "A preset the server was started with (its --preset); nothing else may be given beside it.")
    String preset;

    @Option(names = "--wm", paramLabel = "OPACITY[,POSITION[,SCALE]]",
            description = "The server's watermark (its --watermark): opacity 0 to 1, position (southeast by default), "
                    + "width as a share of the variant's (0.25 by default), like 0.5,southwest,0.2.")
    String wm;

    @Option(names = "--crop", paramLabel = "X,Y,W,H", description = "Keep this region, in displayed pixels, before the resize.")
    String crop;

    @Option(names = "--rotate", paramLabel = "DEGREES", description = "Turn clockwise: 90, 180 or 270 (after --crop).")
    Integer rotate;

    @Option(names = "--flip", paramLabel = "h|v|hv", description = "Mirror left-right (h), top-bottom (v) or both (after --rotate).")
    String flip;

    @Option(names = "--bg", paramLabel = "RRGGBB[AA]", description = "The padding colour of --fit pad (default: transparent for PNG, WebP and AVIF, white for JPEG and GIF).")
    String background;

    @Option(names = "--dpr", paramLabel = "RATIO", description = "Multiplies --w and --h: 1 to 4.")
    Double dpr;

    @Option(names = "--blur", paramLabel = "SIGMA", description = "Gaussian blur, 0.3 to 100.")
    Double blur;

    @Option(names = "--sharpen", paramLabel = "SIGMA", description = "Unsharp mask, 0.3 to 10.")
    Double sharpen;

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
        Adjustments adjustments = adjustments();
        if (preset != null) {
            if (width != null || height != null || f != null || fmt != null || quality != null || wm != null
                    || gravity != null || focalPoint != null
                    || !adjustments.equals(Adjustments.NONE)) {
                throw new IllegalArgumentException("--preset names the whole variant: give no --w, --h, --fit, "
                        + "--format, --q, geometry or effect option, or --wm beside it");
            }
            return Variant.ofPreset(preset);
        }
        if (width == null && height == null && fmt == null && quality == null && wm == null
                && adjustments.equals(Adjustments.NONE)) {
            return null;
        }
        return Variant.builder().width(given("--w", width)).height(given("--h", height)).fit(f).format(fmt)
                .quality(given("--q", quality)).gravity(gravity()).adjustments(adjustments).watermark(wm).build();
    }

    /** --crop, --rotate, --flip, --bg, --dpr, --blur and --sharpen; the client checks their ranges. */
    private Adjustments adjustments() {
        Adjustments a = Adjustments.NONE;
        if (crop != null) {
            String[] n = crop.split(",", -1);
            if (n.length != 4 || !crop.matches("[0-9,]+")) {
                throw new IllegalArgumentException("--crop must be X,Y,W,H (four whole numbers), got " + crop);
            }
            a = a.withCrop(Integer.parseInt(n[0]), Integer.parseInt(n[1]), Integer.parseInt(n[2]), Integer.parseInt(n[3]));
        }
        a = rotate == null ? a : a.withRotate(rotate);
        a = flip == null ? a : a.withFlip(flip);
        a = background == null ? a : a.withBackground(background);
        a = dpr == null ? a : a.withDpr(dpr);
        a = blur == null ? a : a.withBlur(blur);
        return sharpen == null ? a : a.withSharpen(sharpen);
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
