package dev.sis.image;

import java.awt.image.BufferedImage;

/**
 * Step 3, for formats without transparency (JPEG): puts a frame with transparency on white, as
 * a page would show it. Opaque frames pass through.
 */
final class Flatten implements FrameStep {
    @Override
    public BufferedImage apply(BufferedImage frame) {
        if (frame.getType() != BufferedImage.TYPE_INT_ARGB_PRE) {
            return frame;
        }
        int[] src = Pixels.of(frame);
        int[] out = new int[src.length];
        for (int i = 0; i < src.length; i++) {
            int p = src[i];
            int white = 255 - (p >>> 24); // premultiplied: colour + (1 - alpha) × white
            out[i] = 0xFF00_0000 | (((p >> 16) & 0xFF) + white) << 16 | (((p >> 8) & 0xFF) + white) << 8
                    | ((p & 0xFF) + white);
        }
        return Pixels.image(out, frame.getWidth(), frame.getHeight(), BufferedImage.TYPE_INT_RGB);
    }
}
