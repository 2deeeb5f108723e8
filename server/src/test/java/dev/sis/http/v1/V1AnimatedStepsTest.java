package dev.sis.http.v1;

import static dev.sis.http.v1.Answers.error;
import static dev.sis.http.v1.Answers.header;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.config.ImageLimits;
import dev.sis.config.SisConfig;
import dev.sis.config.VariantFeatures;
import dev.sis.image.Watermark;
import dev.sis.testing.ImageFiles;
import dev.sis.testing.Prerequisite;
import dev.sis.testing.Corpus;
import dev.sis.testing.Requires;
import dev.sis.testing.SisServerExtension;
import dev.sis.testing.WatermarkImages;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * An animated GIF keeps every frame and its delay under every /v1 step on the vips engine: each
 * step is applied to each frame alone, never to the frames stacked as one tall image. The WebP
 * answers are read back frame by frame by ImageMagick, not by sis or libvips.
 *
 * <p>The source's frames are 60×40, each with its left half in its own colour (red, green, blue)
 * and its right half white, so every step has a known answer per frame: where the colour lands,
 * and how large the frame is.
 */
@Requires({Prerequisite.LIBVIPS, Prerequisite.IMAGEMAGICK})
class V1AnimatedStepsTest {
    private static final Color[] COLOURS = {Color.RED, Color.GREEN, Color.BLUE};
    /** Centiseconds, as GIF and ImageMagick count them. */
    private static final int[] DELAYS = {10, 20, 30};
    /** Stands for each frame's own colour in {@link #assertEachFrameAt}. */
    private static final Color OWN = new Color(1, 2, 3);
    private static final byte[] GIF = ImageFiles.animatedGif(
            new BufferedImage[] {halves(COLOURS[0]), halves(COLOURS[1]), halves(COLOURS[2])}, DELAYS, 0);

    /** The vips engine, with a watermark for the test that asks for one ({@code wm=}: no other is marked). */
    @RegisterExtension
    static final SisServerExtension sis = SisServerExtension.perClass(c -> new SisConfig(c.server(), c.store(),
            c.cache(), c.upload(), c.image(), c.security(), c.logFormat(), SisConfig.EngineChoice.VIPS,
            new VariantFeatures(List.of(), false, Watermark.of(WatermarkImages.halfRedMark(), "mark.png"), false)));

    @TempDir
    Path work;

    @Test
    void aCoverKeepsEveryFrameAndPutsItsWindowWhereTheGravitySays() {
        String md5 = upload();

        List<Frame> west = frames(get(md5, "w=20&h=20&fit=cover&gravity=west&format=webp"));
        List<Frame> east = frames(get(md5, "w=20&h=20&fit=cover&gravity=east&format=webp"));

        assertFrames(west, 20, 20);
        assertFrames(east, 20, 20);
        // scaled to 30×20, the colour is x 0..14: the west window is x 0..19, the east one 10..29
        assertEachFrameAt(west, 10, 10, OWN);
        assertEachFrameAt(west, 18, 10, Color.WHITE);
        assertEachFrameAt(east, 2, 10, OWN);
        assertEachFrameAt(east, 10, 10, Color.WHITE);
    }

    @Test
    void aCropKeepsEveryFrameAndItsRegion() {
        String md5 = upload();

        List<Frame> frames = frames(get(md5, "crop=0,0,30,40&format=webp"));

        assertFrames(frames, 30, 40);
        assertEachFrameAt(frames, 28, 38, OWN);
    }

    @Test
    void aTurnKeepsEveryFrameTurned() {
        String md5 = upload();

        List<Frame> frames = frames(get(md5, "rotate=90&format=webp"));

        // clockwise: the left half goes to the top, each frame 40×60
        assertFrames(frames, 40, 60);
        assertEachFrameAt(frames, 20, 5, OWN);
        assertEachFrameAt(frames, 20, 55, Color.WHITE);
    }

    @Test
    void aPadKeepsEveryFrameOnItsBackground() {
        String md5 = upload();

        List<Frame> frames = frames(get(md5, "w=60&h=60&fit=pad&bg=000000&format=webp"));

        // the 60×40 frame centred on a 60×60 black canvas: bands of 10 rows above and below
        assertFrames(frames, 60, 60);
        assertEachFrameAt(frames, 30, 3, Color.BLACK);
        assertEachFrameAt(frames, 10, 30, OWN);
        assertEachFrameAt(frames, 30, 56, Color.BLACK);
    }

    @Test
    void smartCoverAndEffectsKeepEveryFrame() {
        String md5 = upload();

        List<Frame> smart = frames(get(md5, "w=20&h=20&fit=cover&gravity=smart&format=webp"));
        assertFrames(smart, 20, 20);
        // one window for the whole animation: as many coloured columns in every frame (±1 at the
        // soft edge, where lossy WebP blends the colour with white)
        List<Long> coloured = smart.stream().map(f -> java.util.stream.IntStream.range(0, 20)
                .filter(x -> (f.pixels().getRGB(x, 10) & 0xFF) + (f.pixels().getRGB(x, 10) >> 8 & 0xFF)
                        + (f.pixels().getRGB(x, 10) >> 16 & 0xFF) < 3 * 200).count()).toList();
        assertThat(coloured).allSatisfy(n -> assertThat(n).isBetween(coloured.get(0) - 1, coloured.get(0) + 1));
        List<Frame> flipped = frames(get(md5, "w=30&flip=h&blur=1&format=webp"));
        assertFrames(flipped, 30, 20);
        assertEachFrameAt(flipped, 27, 10, OWN); // mirrored: the colour is on the right now
        assertFrames(frames(get(md5, "w=30&sharpen=1&format=webp")), 30, 20);
    }

    @Test
    void theWatermarkIsLaidOnEveryFrame() {
        String md5 = upload();

        // at full width and opacity in the centre, the 40×20 mark (its left half red) covers x 0..59, y 5..34
        List<Frame> frames = frames(get(md5, "w=60&wm=1,center,1&format=webp"));

        assertFrames(frames, 60, 40);
        assertEachFrameAt(frames, 15, 20, Color.RED); // under the mark's red half
        assertEachFrameAt(frames, 15, 2, OWN); // above the mark
        assertEachFrameAt(frames, 45, 20, Color.WHITE); // under its clear half
    }

    @Test
    void manyFramesTimesALargeCoverIsRefusedBeforeAnyWork() {
        // 200 frames of 2×2 pass the source's budget (800 pixels); 200 frames of 1000×1000 do not
        String md5 = Answers.put(sis.server(), "frames.gif", ImageFiles.gifWithFrames(2, 2, 200)).get("md5").textValue();

        assertThat(error(sis.client().get("/v1/images/" + md5 + "?w=1000&h=1000&fit=cover&format=webp"), 422))
                .contains("200 frames").contains("pixels in all");
        // the same frames, small, are still made
        HttpResponse<byte[]> small = sis.client().get("/v1/images/" + md5 + "?w=10&h=10&fit=cover&format=webp");
        assertThat(small.statusCode()).as(new String(small.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(ImageLimits.DEFAULT_MAX_ANIMATION_PIXELS).isLessThan(200L * 1000 * 1000);
    }

    private static String upload() {
        return Answers.put(sis.server(), "anim.gif", GIF).get("md5").textValue();
    }

    private byte[] get(String md5, String query) {
        HttpResponse<byte[]> response = sis.client().get("/v1/images/" + md5 + "?" + query);
        assertThat(response.statusCode()).as(query + ": " + new String(response.body(), StandardCharsets.UTF_8))
                .isEqualTo(200);
        assertThat(header(response, "Content-Type")).isEqualTo("image/webp");
        return response.body();
    }

    /** Every frame has {@code expected} at (x, y); {@link #OWN}: the frame's own colour. */
    private static void assertEachFrameAt(List<Frame> frames, int x, int y, Color expected) {
        for (int i = 0; i < COLOURS.length; i++) {
            assertThat(frames.get(i).colourAt(x, y)).as("frame %d at %d,%d", i, x, y)
                    .isEqualTo(expected == OWN ? COLOURS[i] : expected);
        }
    }

    /** Three frames of this size, with the source's delays. */
    private static void assertFrames(List<Frame> frames, int width, int height) {
        assertThat(frames).extracting(Frame::delay).containsExactly(DELAYS[0], DELAYS[1], DELAYS[2]);
        assertThat(frames).extracting(f -> f.width() + "x" + f.height()).containsOnly(width + "x" + height);
    }

    /** One frame as ImageMagick decodes it: its size, delay and pixels. */
    private record Frame(int width, int height, int delay, BufferedImage pixels) {
        /** The colour at (x, y), snapped to 0 or 255 per channel (lossy WebP moves them a little). */
        Color colourAt(int x, int y) {
            int rgb = pixels.getRGB(x, y);
            return new Color(snap(rgb >> 16), snap(rgb >> 8), snap(rgb));
        }

        private static int snap(int channel) {
            int value = channel & 0xFF;
            assertThat(value < 64 || value > 191).as("channel %d is near 0 or 255", value).isTrue();
            return value < 128 ? 0 : 255;
        }
    }

    /**
     * Each frame of an animated WebP as ImageMagick shows it: its delay, and its pixels drawn on
     * the canvas (a WebP frame may store only the rectangle that changed, so the size is the
     * drawn frame's).
     */
    private List<Frame> frames(byte[] webp) {
        try {
            Path file = Files.write(work.resolve("v.webp"), webp);
            Path info = work.resolve("frames.txt");
            Corpus.convert(file.toString(), "-format", "%T\\n", "info:" + info);
            // one PNG per frame (+adjoin), each drawn as shown (-coalesce: over what came before)
            Corpus.convert(file.toString(), "-coalesce", "+adjoin", work.resolve("frame-%d.png").toString());
            List<Frame> frames = new ArrayList<>();
            List<String> lines = Files.readAllLines(info);
            for (int i = 0; i < lines.size(); i++) {
                BufferedImage pixels = ImageIO.read(work.resolve("frame-" + i + ".png").toFile());
                frames.add(new Frame(pixels.getWidth(), pixels.getHeight(), Integer.parseInt(lines.get(i).strip()), pixels));
            }
            return frames;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A 60×40 frame: its left half in {@code colour}, its right half white. */
    private static BufferedImage halves(Color colour) {
        BufferedImage image = new BufferedImage(60, 40, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 60, 40);
        g.setColor(colour);
        g.fillRect(0, 0, 30, 40);
        g.dispose();
        return image;
    }
}
