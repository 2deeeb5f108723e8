package dev.sis.image;

import dev.sis.client.Fit;
import java.awt.image.BufferedImage;

/**
 * Step 2: scales a frame to the planned size ({@link Resampler}) and keeps its centre when the
 * fit crops ({@link Fit#COVER}).
 */
final class Scale implements FrameStep {
    private final Geometry geometry;

    Scale(Geometry geometry) {
        this.geometry = geometry;
    }

    @Override
    public BufferedImage apply(BufferedImage frame) {
        BufferedImage scaled = Resampler.resize(frame, geometry.scaledWidth(), geometry.scaledHeight());
        return cropCentre(scaled, geometry.width(), geometry.height());
    }

    private static BufferedImage cropCentre(BufferedImage image, int width, int height) {
        if (image.getWidth() == width && image.getHeight() == height) {
            return image;
        }
        int x = (image.getWidth() - width) / 2;
        int y = (image.getHeight() - height) / 2;
        int[] src = Pixels.of(image);
        int[] out = new int[width * height];
        for (int row = 0; row < height; row++) {
            System.arraycopy(src, (y + row) * image.getWidth() + x, out, row * width, width);
        }
        return Pixels.image(out, width, height, image.getType());
    }
}
