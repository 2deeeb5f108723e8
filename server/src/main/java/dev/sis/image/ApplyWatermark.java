package dev.sis.image;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;

/**
 * Puts the watermark on a frame, after scaling and before flattening: the watermark resized to
 * its {@link Watermark#placement} (sis's resampler), its every channel times the opacity, then
 * laid over the frame ("over", in premultiplied integers, so the result is deterministic).
 */
final class ApplyWatermark implements FrameStep {
    private final Watermark watermark;
    private final WatermarkSpec spec;

    ApplyWatermark(Watermark watermark, WatermarkSpec spec) {
        this.watermark = watermark;
        this.spec = spec;
    }

    @Override
    public BufferedImage apply(BufferedImage frame) {
        int width = frame.getWidth();
        int height = frame.getHeight();
        Rectangle at = watermark.placement(width, height, spec);
        int[] mark = watermark.resizedTo(at);
        int[] out = Pixels.of(frame).clone();
        boolean alpha = frame.getType() == BufferedImage.TYPE_INT_ARGB_PRE;
        int opacity = spec.opacity() * 255 / 100;
        for (int row = 0; row < at.height && at.y + row < height; row++) {
            for (int col = 0; col < at.width && at.x + col < width; col++) {
                int i = (at.y + row) * width + at.x + col;
                out[i] = over(mark[row * at.width + col], out[i], opacity, alpha);
            }
        }
        return Pixels.image(out, width, height, frame.getType());
    }

    /** {@code top} (premultiplied), scaled by {@code opacity}/255, over {@code bottom}. */
    static int over(int top, int bottom, int opacity, boolean bottomHasAlpha) {
        int ta = scale(top >>> 24, opacity);
        if (ta == 0 && (top & 0xFFFFFF) == 0) {
            return bottom;
        }
        int keep = 255 - ta;
        int ba = bottomHasAlpha ? bottom >>> 24 : 255;
        int a = ta + scale(ba, keep);
        int r = scale((top >> 16) & 0xFF, opacity) + scale((bottom >> 16) & 0xFF, keep);
        int g = scale((top >> 8) & 0xFF, opacity) + scale((bottom >> 8) & 0xFF, keep);
        int b = scale(top & 0xFF, opacity) + scale(bottom & 0xFF, keep);
        return (bottomHasAlpha ? Math.min(255, a) << 24 : 0xFF00_0000)
                | Math.min(255, r) << 16 | Math.min(255, g) << 8 | Math.min(255, b);
    }

    /** {@code value × factor / 255}, rounded. */
    private static int scale(int value, int factor) {
        return (value * factor + 127) / 255;
    }
}
