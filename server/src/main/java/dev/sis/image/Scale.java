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
        return crop(scaled, geometry.width(), geometry.height(), left, top);
    }

    private static BufferedImage crop(BufferedImage image, int width, int height, int x, int y) {
        if (image.getWidth() == width && image.getHeight() == height) {
            return image;
        }
        int[] src = Pixels.of(image);
        int[] out = new int[width * height];
        for (int row = 0; row < height; row++) {
            System.arraycopy(src, (y + row) * image.getWidth() + x, out, row * width, width);
        }
        return Pixels.image(out, width, height, image.getType());
    }
}
