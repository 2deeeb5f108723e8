package dev.sis.image;

import dev.sis.client.Fit;
import dev.sis.testing.TestImages;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;

/**
 * The known-answer image for the geometry tests: a white 60×40 PNG with a red 10×10 square
 * whose top-left corner is at (5, 5), off-centre on both axes, so that every rotation and mirror
 * puts it somewhere else.
 */
final class TransformShapes {
    static final int WIDTH = 60;
    static final int HEIGHT = 40;
    static final int SQUARE_X = 5;
    static final int SQUARE_Y = 5;
    static final int SQUARE = 10;
    static final int RED = 0xFFFF0000;
    static final int WHITE = 0xFFFFFFFF;

    private TransformShapes() {
    }

    static byte[] png() {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        g.setColor(Color.RED);
        g.fillRect(SQUARE_X, SQUARE_Y, SQUARE, SQUARE);
        g.dispose();
        return TestImages.encode(image, "png");
    }

    /** The variant of {@link #png()} that {@code transform} and a PNG at the source's size make. */
    static BufferedImage variant(ImageEngine engine, Transform transform) {
        return variant(engine, new VariantSpec(0, 0, Fit.CONTAIN, ImageFormat.PNG, 90).withTransform(transform));
    }

    static BufferedImage variant(ImageEngine engine, VariantSpec spec) {
        return TestImages.decode(engine.makeVariant(new ByteArrayInputStream(png()), spec).bytes());
    }

    /** The square's top-left corner in the output, by an independent route: each op as a point map. */
    static int[] squareCorner(int rotate, boolean flipH, boolean flipV) {
        int w = WIDTH;
        int h = HEIGHT;
        int x = SQUARE_X;
        int y = SQUARE_Y;
        for (int turns = rotate / 90; turns > 0; turns--) {
            // a quarter turn clockwise: the square's top-left comes from its bottom-left
            int nx = h - (y + SQUARE);
            int ny = x;
            x = nx;
            y = ny;
            int t = w;
            w = h;
            h = t;
        }
        if (flipH) {
            x = w - (x + SQUARE);
        }
        if (flipV) {
            y = h - (y + SQUARE);
        }
        return new int[] {x, y, w, h};
    }

    /** Whether every pixel is red inside the square at (x, y) and white outside it. */
    static boolean squareOnlyAt(BufferedImage image, int x, int y) {
        for (int py = 0; py < image.getHeight(); py++) {
            for (int px = 0; px < image.getWidth(); px++) {
                boolean inside = px >= x && px < x + SQUARE && py >= y && py < y + SQUARE;
                if ((image.getRGB(px, py) | 0xFF00_0000) != (inside ? RED : WHITE)) {
                    return false;
                }
            }
        }
        return true;
    }
}
