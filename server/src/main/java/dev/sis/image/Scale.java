package dev.sis.image;

import dev.sis.client.Fit;
import java.awt.image.BufferedImage;

/**
 * Step 2: scales a frame to the planned size ({@link Resampler}) and keeps the planned window
 * when the fit crops ({@link Fit#COVER}): where the gravity puts it.
 */
final class Scale implements FrameStep {
    private final Geometry geometry;
    /** Place the window by {@link Saliency} rather than where the geometry says. */
    private final boolean smart;
    /** Where a smart window went on the first frame: every frame of an animation is cropped alike. */
    private int[] smartWindow;

    Scale(Geometry geometry) {
        this(geometry, false);
    }

    Scale(Geometry geometry, boolean smart) {
        this.geometry = geometry;
        this.smart = smart;
    }

    @Override
    public BufferedImage apply(BufferedImage frame) {
        BufferedImage scaled = Resampler.resize(frame, geometry.scaledWidth(), geometry.scaledHeight());
        if (geometry.pads()) {
            return scaled; // a padded frame is placed on its canvas by the next step (Pad)
        }
        int left = geometry.left();
        int top = geometry.top();
        if (smart && (scaled.getWidth() != geometry.width() || scaled.getHeight() != geometry.height())) {
            if (smartWindow == null) {
                smartWindow = Saliency.bestWindow(Pixels.of(scaled), scaled.getWidth(), scaled.getHeight(),
                        geometry.width(), geometry.height());
            }
            left = smartWindow[0];
            top = smartWindow[1];
        }
        return CropRegion.region(scaled, left, top, geometry.width(), geometry.height());
    }
}
