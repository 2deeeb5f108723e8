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
        // a padded frame is placed on its canvas by the next step (Pad)
        return geometry.pads() ? scaled : cropCentre(scaled, geometry.width(), geometry.height());
    }

    private static BufferedImage cropCentre(BufferedImage image, int width, int height) {
        return CropRegion.region(image, (image.getWidth() - width) / 2, (image.getHeight() - height) / 2,
                width, height);
    }
}
