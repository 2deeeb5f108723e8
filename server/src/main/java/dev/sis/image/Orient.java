package dev.sis.image;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/**
 * Step 1: turns a frame upright according to its EXIF orientation, so that every later step
 * (and every size a client gives or reads) works on the image as a person sees it.
 */
final class Orient implements FrameStep {
    private final Orientation orientation;

    Orient(Orientation orientation) {
        this.orientation = orientation;
    }

    @Override
    public BufferedImage apply(BufferedImage stored) {
        if (orientation == Orientation.NORMAL) {
            return stored;
        }
        int sw = stored.getWidth();
        int sh = stored.getHeight();
        int dw = orientation.displayedWidth(sw, sh);
        int dh = orientation.displayedHeight(sw, sh);
        int[] src = Pixels.of(stored);
        BufferedImage shown = new BufferedImage(dw, dh, stored.getType());
        int[] dst = ((DataBufferInt) shown.getRaster().getDataBuffer()).getData();
        for (int y = 0; y < dh; y++) {
            int row = y * dw;
            for (int x = 0; x < dw; x++) {
                int sx;
                int sy;
                switch (orientation) {
                    case MIRROR_HORIZONTAL -> { sx = sw - 1 - x; sy = y; }
                    case ROTATE_180 -> { sx = sw - 1 - x; sy = sh - 1 - y; }
                    case MIRROR_VERTICAL -> { sx = x; sy = sh - 1 - y; }
                    case TRANSPOSE -> { sx = y; sy = x; }
                    case ROTATE_90 -> { sx = y; sy = sh - 1 - x; }
                    case TRANSVERSE -> { sx = sw - 1 - y; sy = sh - 1 - x; }
                    case ROTATE_270 -> { sx = sw - 1 - y; sy = x; }
                    default -> { sx = x; sy = y; }
                }
                dst[row + x] = src[sy * sw + sx];
            }
        }
        return shown;
    }
}
