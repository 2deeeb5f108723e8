package dev.sis.image;

import java.awt.image.BufferedImage;

/**
 * The {@code blur} and {@code sharpen} steps, on the resized frame (so their cost follows the
 * output's size, not the source's). Sharpen is an unsharp mask of amount 1:
 * {@code 2 × frame − blur(frame, σ)}, clamped, the same formula the native engine runs.
 */
final class Effects implements FrameStep {
    private final double blur;
    private final double sharpen;
    private final Deadline deadline;

    /** @param blur the blur's σ, or 0; @param sharpen the unsharp mask's σ, or 0 */
    Effects(double blur, double sharpen, Deadline deadline) {
        this.blur = blur;
        this.sharpen = sharpen;
        this.deadline = deadline;
    }

    @Override
    public BufferedImage apply(BufferedImage frame) {
        BufferedImage out = blur > 0 ? Gaussian.blur(frame, blur, deadline) : frame;
        return sharpen > 0 ? sharpen(out) : out;
    }

    private BufferedImage sharpen(BufferedImage frame) {
        int[] src = Pixels.of(frame);
        int[] soft = Pixels.of(Gaussian.blur(frame, sharpen, deadline));
        int[] out = new int[src.length];
        for (int i = 0; i < src.length; i++) {
            int p = 0;
            for (int shift = 0; shift < 32; shift += 8) {
                int v = 2 * ((src[i] >>> shift) & 0xFF) - ((soft[i] >>> shift) & 0xFF);
                p |= Math.clamp(v, 0, 255) << shift;
            }
            out[i] = p;
        }
        if (frame.getType() == BufferedImage.TYPE_INT_ARGB_PRE) {
            // A colour over its alpha is not a premultiplied pixel: clamp each to the alpha.
            for (int i = 0; i < out.length; i++) {
                int a = out[i] >>> 24;
                int r = Math.min(a, (out[i] >> 16) & 0xFF);
                int g = Math.min(a, (out[i] >> 8) & 0xFF);
                int b = Math.min(a, out[i] & 0xFF);
                out[i] = a << 24 | r << 16 | g << 8 | b;
            }
        }
        return Pixels.image(out, frame.getWidth(), frame.getHeight(), frame.getType());
    }
}
