package dev.sis.image;

import java.awt.image.BufferedImage;

/**
 * The {@code rotate} and {@code flip} steps, in one pass: each output pixel is read from where
 * the clockwise rotation, then the mirror, takes it from. Exact: no resampling.
 */
final class RotateFlip implements FrameStep {
    private final int rotate;
    private final Transform.Flip flip;

    RotateFlip(int rotate, Transform.Flip flip) {
        this.rotate = rotate;
        this.flip = flip;
    }

    @Override
    public BufferedImage apply(BufferedImage frame) {
        int w = frame.getWidth();
        int h = frame.getHeight();
        boolean swaps = rotate == 90 || rotate == 270;
        int outW = swaps ? h : w;
        int outH = swaps ? w : h;
        int[] src = Pixels.of(frame);
        int[] out = new int[src.length];
        for (int y = 0; y < outH; y++) {
            int ry = flip.vertical() ? outH - 1 - y : y;
            for (int x = 0; x < outW; x++) {
                int rx = flip.horizontal() ? outW - 1 - x : x;
                out[y * outW + x] = src[sourceIndex(rx, ry, w, h)];
            }
        }
        return Pixels.image(out, outW, outH, frame.getType());
    }

    /** Where the pixel at {@code (x, y)} of the rotated image comes from in the {@code w × h} source. */
    private int sourceIndex(int x, int y, int w, int h) {
        return switch (rotate) {
            case 90 -> (h - 1 - x) * w + y;
            case 180 -> (h - 1 - y) * w + (w - 1 - x);
            case 270 -> x * w + (w - 1 - y);
            default -> y * w + x;
        };
    }
}
