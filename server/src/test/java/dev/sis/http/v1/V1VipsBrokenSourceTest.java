package dev.sis.http.v1;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.config.SisConfig;
import dev.sis.image.VipsLiveImages;
import dev.sis.testing.Eventually;
import dev.sis.testing.ImageFiles;
import dev.sis.testing.Prerequisite;
import dev.sis.testing.Requires;
import dev.sis.testing.SisServerExtension;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Broken sources through the vips engine's steps that decode into memory (a turn, a mirror, a
 * smart window) and through the frame-by-frame steps of an animation: each answer is what the
 * route promises (415 for image data libvips cannot decode, 200 where the decoder makes do), the
 * server keeps serving, and every libvips image the request made is released — the engine's
 * live-image count is back where it was once the answer has arrived.
 */
@Requires(Prerequisite.LIBVIPS)
class V1VipsBrokenSourceTest {
    private static final String[] IN_MEMORY_STEPS = {"rotate=90", "flip=h&w=100", "w=100&h=100&fit=cover&gravity=smart"};

    @RegisterExtension
    static final SisServerExtension sis = SisServerExtension.perClass(c -> new SisConfig(c.server(), c.store(),
            c.cache(), c.upload(), c.image(), c.security(), c.logFormat(), SisConfig.EngineChoice.VIPS, c.features()));

    @Test
    void aTruncatedPngIsRefusedWithoutLosingAnImage() throws Exception {
        byte[] png = encoded(noise(1200, 800, 7), "png");
        String md5 = upload("cut.png", Arrays.copyOf(png, png.length / 2));

        for (String query : IN_MEMORY_STEPS) {
            HttpResponse<byte[]> answer = getReleasingEveryImage(md5, query);
            assertThat(answer.statusCode()).as(query).isEqualTo(415);
            assertThat(new String(answer.body(), StandardCharsets.UTF_8)).as(query).contains("broken or truncated");
        }
        String whole = upload("whole.png", png);
        assertThat(getReleasingEveryImage(whole, "rotate=90").statusCode()).as("still serving").isEqualTo(200);
    }

    @Test
    void aJpegCutShortIsDecodedAsFarAsItGoesWithoutLosingAnImage() throws Exception {
        byte[] jpeg = ImageFiles.jpeg(noise(2400, 1600, 1), "4:2:0", false);
        String md5 = upload("cut.jpg", Arrays.copyOf(jpeg, jpeg.length / 2));

        for (String query : IN_MEMORY_STEPS) {
            assertThat(getReleasingEveryImage(md5, query).statusCode()).as(query).isEqualTo(200);
        }
    }

    @Test
    void everyFrameOfABrokenAnimationIsReleased() throws Exception {
        BufferedImage[] frames = new BufferedImage[5];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = noise(200, 150, 10 + i);
        }
        byte[] gif = ImageFiles.animatedGif(frames, new int[] {10, 10, 10, 10, 10}, 0);
        byte[] damaged = gif.clone();
        new Random(5).ints(400, gif.length / 2, gif.length * 2 / 3).forEach(i -> damaged[i] = (byte) 0xFF);
        String md5 = upload("damaged.gif", damaged);

        for (String query : IN_MEMORY_STEPS) {
            HttpResponse<byte[]> answer = getReleasingEveryImage(md5, query + "&format=webp");
            // libvips refuses the frame the bytes landed in, or decodes what they left of it
            assertThat(answer.statusCode()).as(query).isIn(200, 415);
        }
    }

    @Test
    /** Before VipsImageRef, the frame whose steps failed was never released (one image per answer). */
    void anAnimatedWebpWithABrokenFrameIsRefusedWithoutLosingAFrame() throws Exception {
        BufferedImage[] frames = new BufferedImage[4];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = noise(120, 80, 20 + i);
        }
        String gif = upload("frames.gif", ImageFiles.animatedGif(frames, new int[] {10, 10, 10, 10}, 0));
        byte[] webp = sis.client().get("/v1/images/" + gif + "?format=webp").body();
        // the third frame's VP8 data, past its key frame header: its first partition (modes, sizes) made garbage
        int third = nthStartCode(webp, 3);
        byte[] broken = webp.clone();
        for (int i = third + 7; i < third + 60; i++) {
            broken[i] = (byte) ~broken[i];
        }
        String md5 = upload("broken.webp", broken);

        for (String query : IN_MEMORY_STEPS) {
            HttpResponse<byte[]> answer = getReleasingEveryImage(md5, query + "&format=webp");
            assertThat(answer.statusCode()).as(query).isEqualTo(415);
            assertThat(new String(answer.body(), StandardCharsets.UTF_8)).as(query).contains("broken or truncated");
        }
        assertThat(getReleasingEveryImage(gif, "rotate=90&format=webp").statusCode()).as("still serving").isEqualTo(200);
    }

    /** Where the {@code n}th VP8 key frame start code (9d 01 2a) begins in {@code webp}. */
    private static int nthStartCode(byte[] webp, int n) {
        int seen = 0;
        for (int i = 0; i + 2 < webp.length; i++) {
            if ((webp[i] & 0xFF) == 0x9d && webp[i + 1] == 0x01 && webp[i + 2] == 0x2a && ++seen == n) {
                return i;
            }
        }
        throw new AssertionError("no start code " + n + " in the animated WebP");
    }

    /**
     * The answer to {@code query}; asserts the engine comes back to as many images as before (at
     * once, unless the server still works in the background: a leak never comes back).
     */
    private static HttpResponse<byte[]> getReleasingEveryImage(String md5, String query) throws Exception {
        long before = VipsLiveImages.count();
        HttpResponse<byte[]> answer = sis.client().get("/v1/images/" + md5 + "?" + query);
        try {
            Eventually.await(Duration.ofSeconds(5), "the images made for " + query + " released",
                    () -> VipsLiveImages.count() == before);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + " (" + (VipsLiveImages.count() - before) + " left, answer "
                    + answer.statusCode() + ")", e);
        }
        return answer;
    }

    /**
     * Uploads {@code bytes} and waits until the upload's background work (the analysis, which
     * also holds libvips images) is done, so it never moves a count a request is judged by.
     */
    private static String upload(String name, byte[] bytes) throws Exception {
        String md5 = Answers.put(sis.server(), name, bytes).get("md5").textValue();
        Eventually.await(Duration.ofSeconds(30), "the upload's analysis done",
                () -> sis.server().storageApp().service().postUpload().idle());
        return md5;
    }

    private static byte[] encoded(BufferedImage image, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, format, out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Random pixels: nothing for a decoder or an encoder to shorten. */
    private static BufferedImage noise(int width, int height, long seed) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(seed);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt());
            }
        }
        return image;
    }
}
