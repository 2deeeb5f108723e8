package dev.sis.http.v1;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sis.config.SisConfig;
import dev.sis.image.HeifFiles;
import dev.sis.image.HeifTransforms;
import dev.sis.image.HeifTransforms.Mirror;
import dev.sis.image.HeifTransforms.Rotate;
import dev.sis.image.HeifTransforms.Step;
import dev.sis.testing.Corpus;
import dev.sis.testing.Prerequisite;
import dev.sis.testing.ProcessRun;
import dev.sis.testing.Requires;
import dev.sis.testing.SisServerExtension;
import dev.sis.testing.TestImages;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * HEIC and AVIF files whose primary item is turned by {@code irot} and mirrored by {@code imir}
 * (added to files libvips wrote, as a phone writes them: {@link HeifTransforms}), on a server with
 * the vips engine: sis sizes them from its own box reader and plans variants from that displayed
 * size, while libheif turns the pixels when libvips decodes. Both must agree with libvips' own
 * tools on the same file — {@code /v1/info}'s size with {@code vipsheader}'s, a variant's size and
 * the place of a red corner block with {@code vips thumbnail}'s — and with the order the standard
 * gives (ISO/IEC 23008-12: irot turns anticlockwise; the properties apply in the order of
 * association; libheif's {@code imir} axis 0 exchanges top and bottom, 1 left and right).
 */
@Requires({Prerequisite.LIBVIPS, Prerequisite.VIPS_TOOLS})
class V1TurnedHeifTest {
    private static final int WIDTH = 120;
    private static final int HEIGHT = 80;
    private static final int VARIANT_WIDTH = 40;

    @RegisterExtension
    static final SisServerExtension sis = SisServerExtension.perClass(c -> new SisConfig(c.server(), c.store(),
            c.cache(), c.upload(), c.image(), c.security(), c.logFormat(), SisConfig.EngineChoice.VIPS, c.features()));

    @TempDir
    Path work;

    /** One file per format, encoded once: the cases differ only in the boxes added to it. */
    private static final Map<String, byte[]> PLAIN = new ConcurrentHashMap<>();

    /**
     * HEIC: every irot (0–3) with no imir, imir axis 0 and axis 1, and a mirror before a turn in
     * both directions; AVIF (the same boxes, another codec): a turn and a mirror in both orders.
     */
    static Stream<Arguments> transforms() {
        List<Arguments> all = new ArrayList<>();
        for (int turns = 0; turns < 4; turns++) {
            for (int axis = -1; axis <= 1; axis++) {
                List<Step> steps = new ArrayList<>();
                if (turns > 0) {
                    steps.add(new Rotate(turns));
                }
                if (axis >= 0) {
                    steps.add(new Mirror(axis));
                }
                all.add(Arguments.of("heic", steps));
            }
        }
        all.add(Arguments.of("heic", List.of(new Mirror(0), new Rotate(1))));
        all.add(Arguments.of("heic", List.of(new Mirror(1), new Rotate(3))));
        all.add(Arguments.of("avif", List.of(new Rotate(3), new Mirror(0))));
        all.add(Arguments.of("avif", List.of(new Mirror(0), new Rotate(3))));
        return all.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("transforms")
    void theSizeAndTheCornerAreWhereLibvipsAndTheStandardPutThem(String format, List<Step> steps) throws Exception {
        byte[] plain = PLAIN.computeIfAbsent(format, f -> {
            byte[] png = TestImages.encode(redTopLeft(), "png");
            return f.equals("heic") ? HeifFiles.heic(png, WIDTH, HEIGHT) : HeifFiles.avif(png, WIDTH, HEIGHT);
        });
        byte[] turned = HeifTransforms.turned(plain, steps.toArray(Step[]::new));
        Path file = work.resolve("turned." + format);
        Files.write(file, turned);
        String md5 = Answers.put(sis.server(), "turned." + format, turned).get("md5").textValue();

        JsonNode info = Answers.json(sis.client().get("/v1/info/" + md5));
        HttpResponse<byte[]> variant = sis.client().get("/v1/images/" + md5 + "?w=" + VARIANT_WIDTH + "&fit=inside&format=png");
        BufferedImage served = TestImages.decode(variant.body());
        BufferedImage reference = vipsThumbnail(file, VARIANT_WIDTH);

        assertThat(info.get("width").intValue() + "x" + info.get("height").intValue()).isEqualTo(vipsheader(file));
        assertThat(variant.statusCode()).as(new String(variant.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(size(served)).isEqualTo(size(reference));
        assertThat(redCorner(served)).isEqualTo(redCorner(reference)).isEqualTo(expectedCorner(steps));
    }

    @Test
    @Requires(Prerequisite.PHOTO_CORPUS)
    void aTurnedAndMirroredPhotoIsServedAsLibvipsDecodesIt() throws Exception {
        byte[] photo = Files.readAllBytes(Corpus.file("photo-0.7mp-baseline-q85.jpg"));
        byte[] turned = HeifTransforms.turned(HeifFiles.heic(photo, 360, 240), new Rotate(3), new Mirror(1));

        assertServedAsLibvipsShowsIt(turned, "IMG_0001.HEIC", "240x360", 120, "120x180");
    }

    /**
     * A phone's HEIC also carries an EXIF block whose orientation repeats what {@code irot} says;
     * libvips turns by the boxes alone, and so does sis: applied twice, the photo would lie on
     * its side. {@code vips copy} keeps the JPEG's EXIF (orientation 6) in the HEIC it writes.
     */
    @Test
    @Requires(Prerequisite.PHOTO_CORPUS)
    void anExifOrientationInsideAHeicIsNotAppliedOnTopOfIrot() throws Exception {
        Path withExif = work.resolve("exif-6.heic");
        vips("vips", "copy", Corpus.file("exif-orientation-6.jpg").toString(), withExif + "[Q=30]");
        byte[] turned = HeifTransforms.turned(Files.readAllBytes(withExif), new Rotate(3));

        assertThat(new String(turned, StandardCharsets.ISO_8859_1)).contains("Exif\0\0");
        assertServedAsLibvipsShowsIt(turned, "IMG_0002.HEIC", "800x1200", 60, "60x90");
    }

    /**
     * Uploads {@code heif}: {@code /v1/info} says {@code displayed}, as {@code vipsheader} does, and
     * a {@code w=width} variant is {@code variantSize} with {@code vips thumbnail}'s pixels, up to
     * resampling (a picture turned or mirrored otherwise is far off).
     */
    private void assertServedAsLibvipsShowsIt(byte[] heif, String name, String displayed, int width, String variantSize)
            throws Exception {
        Path file = work.resolve(name);
        Files.write(file, heif);
        String md5 = Answers.put(sis.server(), name, heif).get("md5").textValue();

        JsonNode info = Answers.json(sis.client().get("/v1/info/" + md5));
        BufferedImage served = TestImages.decode(sis.client().get("/v1/images/" + md5 + "?w=" + width + "&fit=inside&format=png").body());
        BufferedImage reference = vipsThumbnail(file, width);

        assertThat(info.get("width").intValue() + "x" + info.get("height").intValue()).isEqualTo(displayed).isEqualTo(vipsheader(file));
        assertThat(size(served)).isEqualTo(variantSize).isEqualTo(size(reference));
        assertThat(TestImages.psnr(served, reference)).isGreaterThan(30);
    }

    /** Where the red block of {@link #redTopLeft} ends up after {@code steps}, by the standard. */
    private static String expectedCorner(List<Step> steps) {
        int x = 0; // 0 left, 1 right
        int y = 0; // 0 top, 1 bottom
        for (Step step : steps) {
            switch (step) {
                case Rotate r -> {
                    for (int i = 0; i < r.angle(); i++) { // a quarter turn anticlockwise: top left goes bottom left
                        int left = y;
                        y = 1 - x;
                        x = left;
                    }
                }
                case Mirror m when m.axis() == 0 -> y = 1 - y;
                case Mirror m -> x = 1 - x;
            }
        }
        return (y == 0 ? "top" : "bottom") + (x == 0 ? " left" : " right");
    }

    private static BufferedImage redTopLeft() {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(200, 200, 200));
        g.fillRect(0, 0, WIDTH, HEIGHT);
        g.setColor(Color.RED);
        g.fillRect(0, 0, WIDTH / 4, HEIGHT / 4);
        g.dispose();
        return image;
    }

    /** The one corner whose pixel is red, or a list of all of them when not exactly one is. */
    private static String redCorner(BufferedImage image) {
        int right = image.getWidth() - 2;
        int bottom = image.getHeight() - 2;
        List<String> red = new ArrayList<>();
        int[][] at = {{1, 1}, {right, 1}, {1, bottom}, {right, bottom}};
        String[] names = {"top left", "top right", "bottom left", "bottom right"};
        for (int i = 0; i < at.length; i++) {
            Color c = new Color(image.getRGB(at[i][0], at[i][1]));
            if (c.getRed() > 200 && c.getGreen() < 90 && c.getBlue() < 90) {
                red.add(names[i]);
            }
        }
        return red.size() == 1 ? red.getFirst() : red.toString();
    }

    private static String size(BufferedImage image) {
        return image.getWidth() + "x" + image.getHeight();
    }

    /** The width×height {@code vipsheader} reads (its line is {@code FILE: WxH uchar, 3 bands, …}). */
    private static String vipsheader(Path file) {
        String line = vips("vipsheader", file.toString()).strip();
        return line.substring(file.toString().length() + 2).split(" ")[0];
    }

    private BufferedImage vipsThumbnail(Path file, int width) throws IOException {
        Path out = work.resolve(file.getFileName() + "-" + width + ".png");
        // vips thumbnail's box is width × width unless a height is given: fit to the width alone
        vips("vips", "thumbnail", file.toString(), out.toString(), Integer.toString(width), "--height", "100000");
        return TestImages.decode(Files.readAllBytes(out));
    }

    private static String vips(String... command) {
        ProcessRun run = ProcessRun.of(new ProcessBuilder(Arrays.asList(command)));
        assertThat(run.exitCode()).as(String.join(" ", command) + ": " + run.stderr()).isZero();
        return run.out();
    }
}
