package dev.sis.image;

import java.awt.image.BufferedImage;

/** The {@code crop} step: keeps a region of the upright frame, before it is rotated and resized. */
final class CropRegion implements FrameStep {
    private final Transform.Crop crop;

    CropRegion(Transform.Crop crop) {
        this.crop = crop;
    }

    @Override
    public BufferedImage apply(BufferedImage frame) {
        return region(frame, crop.x(), crop.y(), crop.width(), crop.height());
    }

    /** The {@code width × height} region at {@code (x, y)}, copied into the working layout. */
    static BufferedImage region(BufferedImage image, int x, int y, int width, int height) {
        if (x == 0 && y == 0 && image.getWidth() == width && image.getHeight() == height) {
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
