package dev.sis.image;

import dev.sis.config.ImageLimits;
import dev.sis.errors.OverBudgetException;
import dev.sis.errors.UnsupportedImageException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * What an animated WebP variant needs before libvips makes it: whether the source is an
 * animation (a GIF with more than one frame, a WebP whose {@code VP8X} says so) and its frames,
 * counted from the structure alone and held to the same budgets as GIF animations.
 */
final class Animations {
    /** {@code VP8X}'s animation flag (WebP container specification). */
    private static final int ANIMATION_FLAG = 0x02;

    private Animations() {
    }

    /** Whether a WebP file's extended header says it is animated. */
    static boolean animatedWebp(byte[] webp) {
        return webp.length > 20 && "VP8X".equals(new String(webp, 12, 4, StandardCharsets.ISO_8859_1))
                && (webp[20] & ANIMATION_FLAG) != 0;
    }

    /**
     * The frames of a GIF or an animated WebP held in memory (for any other file: 1), at most
     * {@code cap + 1}.
     */
    static int frames(ImageFormat format, byte[] file, int cap) {
        if (format == ImageFormat.GIF) {
            try (MemoryCacheImageInputStream stream = new MemoryCacheImageInputStream(new ByteArrayInputStream(file))) {
                return Math.max(1, GifStructure.countFrames(stream, cap));
            } catch (IOException e) {
                throw new UnsupportedImageException("the gif is broken or truncated", e);
            }
        }
        if (format == ImageFormat.WEBP && animatedWebp(file)) {
            return webpFrames(file, cap);
        }
        return 1;
    }

    /** The {@code ANMF} chunks of a RIFF WebP file, walked by their sizes (each moves on by 8 bytes or more). */
    private static int webpFrames(byte[] webp, int cap) {
        int frames = 0;
        int at = 12;
        while (at + 8 <= webp.length && frames <= cap) {
            long size = Integer.toUnsignedLong(ByteBuffer.wrap(webp, at + 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt());
            if ("ANMF".equals(new String(webp, at, 4, StandardCharsets.ISO_8859_1))) {
                frames++;
            }
            at += (int) Math.min(Integer.MAX_VALUE - 16, 8 + size + (size & 1));
            if (at < 0) {
                break;
            }
        }
        return Math.max(1, frames);
    }

    /**
     * Refuses an animation over the budgets, as the pure-Java engine refuses a GIF's.
     *
     * @param canvasPixels one frame's pixels
     * @throws OverBudgetException when it has too many frames, or too many pixels in all
     */
    static void check(int frames, long canvasPixels, ImageLimits limits) {
        if (frames > limits.maxAnimationFrames()) {
            throw new OverBudgetException("the animation has more than " + limits.maxAnimationFrames()
                    + " frames, this server's limit");
        }
        if (frames * canvasPixels > limits.maxAnimationPixels()) {
            throw new OverBudgetException("the animation has " + frames + " frames of " + canvasPixels
                    + " pixels, over this server's limit of " + limits.maxAnimationPixels() + " pixels in all");
        }
    }
}
