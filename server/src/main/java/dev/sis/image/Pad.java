package dev.sis.image;

import java.awt.image.BufferedImage;

/**
 * The {@code fit=pad} step: places the scaled frame in the centre of the planned canvas, filled
 * with the background colour. A colour that is not opaque gives the frame an alpha channel
 * (premultiplied, as the working layout is); the JPEG step after it flattens that on white.
 * The frame's own pixels are placed as they are, not blended with the canvas (as libvips' embed).
 */
final class Pad implements FrameStep {
    private final Geometry geometry;
    private final int argb;

    /** @param argb the canvas colour, {@code 0xAARRGGBB} */
    Pad(Geometry geometry, int argb) {
        this.geometry = geometry;
        this.argb = argb;
    }

    /**
     * The canvas colour when {@code bg} is not given: transparent where the format keeps alpha,
     * white where it does not (JPEG; GIF, whose palette writer keeps only full transparency).
     */
    static int defaultBackground(ImageFormat format) {
        return switch (format) {
            case PNG, WEBP, AVIF -> 0x0000_0000;
            default -> 0xFFFF_FFFF;
        };
    }

    @Override
    public BufferedImage apply(BufferedImage frame) {
        int width = geometry.width();
        int height = geometry.height();
        boolean opaque = (argb >>> 24) == 0xFF && frame.getType() == BufferedImage.TYPE_INT_RGB;
        int type = opaque ? BufferedImage.TYPE_INT_RGB : BufferedImage.TYPE_INT_ARGB_PRE;
        int[] out = new int[width * height];
        java.util.Arrays.fill(out, premultiplied(argb));
        int[] src = Pixels.of(frame);
        int left = (width - frame.getWidth()) / 2;
        int top = (height - frame.getHeight()) / 2;
        boolean addAlpha = frame.getType() == BufferedImage.TYPE_INT_RGB;
        for (int row = 0; row < frame.getHeight(); row++) {
            int at = (top + row) * width + left;
            for (int x = 0; x < frame.getWidth(); x++) {
                int p = src[row * frame.getWidth() + x];
                // An RGB frame's top byte is undefined: it becomes opaque on the ARGB canvas.
                out[at + x] = addAlpha ? p | 0xFF00_0000 : p;
            }
        }
        return Pixels.image(out, width, height, type);
    }

    private static int premultiplied(int argb) {
        int a = argb >>> 24;
        int r = ((argb >> 16) & 0xFF) * a / 255;
        int g = ((argb >> 8) & 0xFF) * a / 255;
        int b = (argb & 0xFF) * a / 255;
        return a << 24 | r << 16 | g << 8 | b;
    }
}
