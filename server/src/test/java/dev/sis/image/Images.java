package dev.sis.image;

import dev.sis.client.Fit;
import dev.sis.config.ImageLimits;
import dev.sis.testing.TestImages;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;

/** Shortcuts for the engine's tests. */
final class Images {
    private Images() {
    }

    /**
     * The engine under test: the pure-Java one, or libvips when the build runs this suite again
     * with {@code sis.test.engine=vips} (the {@code vips-engine} execution, active where libvips
     * is installed, as in CI).
     */
    static final ImageEngine ENGINE = engine(ImageLimits.defaults());

    /** The engine under test, with other limits. */
    static ImageEngine engine(ImageLimits limits) {
        return switch (System.getProperty("sis.test.engine", "java")) {
            case "java" -> new JavaImageEngine(limits);
            case "vips" -> {
                StringBuilder why = new StringBuilder();
                yield VipsImageEngine.load(limits, why)
                        .orElseThrow(() -> new IllegalStateException("sis.test.engine=vips but libvips cannot be loaded: " + why));
            }
            default -> throw new IllegalArgumentException("sis.test.engine must be java or vips");
        };
    }

    /** The variant of {@code source} as {@code format} at {@code w × h} (0 = keep), fit contain. */
    static EncodedImage variant(byte[] source, int w, int h, ImageFormat format) {
        return ENGINE.makeVariant(new ByteArrayInputStream(source), new VariantSpec(w, h, Fit.CONTAIN, format, 90));
    }

    static BufferedImage decoded(EncodedImage image) {
        return TestImages.decode(image.bytes());
    }

    /** An image in four flat quadrants: red, green / blue, white, of {@code type}. */
    static BufferedImage quadrants(int width, int height, int type) {
        BufferedImage image = new BufferedImage(width, height, type);
        Graphics2D g = image.createGraphics();
        try {
            int hw = width / 2;
            int hh = height / 2;
            g.setColor(Color.RED);
            g.fillRect(0, 0, hw, hh);
            g.setColor(Color.GREEN);
            g.fillRect(hw, 0, width - hw, hh);
            g.setColor(Color.BLUE);
            g.fillRect(0, hh, hw, height - hh);
            g.setColor(Color.WHITE);
            g.fillRect(hw, hh, width - hw, height - hh);
        } finally {
            g.dispose();
        }
        return image;
    }

    /** A flat image of one colour. */
    static BufferedImage flat(int width, int height, int type, Color color) {
        BufferedImage image = new BufferedImage(width, height, type);
        Graphics2D g = image.createGraphics();
        try {
            g.setComposite(java.awt.AlphaComposite.Src);
            g.setColor(color);
            g.fillRect(0, 0, width, height);
        } finally {
            g.dispose();
        }
        return image;
    }

    /** The mean {r, g, b} of a {@code size × size} block centred on (x, y). */
    static double[] meanColour(BufferedImage image, int x, int y, int size) {
        double[] sum = new double[3];
        int n = 0;
        for (int j = y - size / 2; j < y - size / 2 + size; j++) {
            for (int i = x - size / 2; i < x - size / 2 + size; i++) {
                int p = image.getRGB(i, j);
                sum[0] += (p >> 16) & 0xFF;
                sum[1] += (p >> 8) & 0xFF;
                sum[2] += p & 0xFF;
                n++;
            }
        }
        return new double[] {sum[0] / n, sum[1] / n, sum[2] / n};
    }

    /** The mean {r, g, b} of the whole image. */
    static double[] meanColour(BufferedImage image) {
        return meanColour(image, image.getWidth() / 2, image.getHeight() / 2, Math.min(image.getWidth(), image.getHeight()));
    }

    /** Whether every channel of {@code actual} is within {@code tolerance} of {@code expected}. */
    static boolean near(double[] actual, double[] expected, double tolerance) {
        for (int i = 0; i < 3; i++) {
            if (Math.abs(actual[i] - expected[i]) > tolerance) {
                return false;
            }
        }
        return true;
    }

    static double[] rgb(int r, int g, int b) {
        return new double[] {r, g, b};
    }

    /** Corner colours (4×4 blocks, 3 px in): top-left, top-right, bottom-left, bottom-right. */
    static double[][] corners(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        return new double[][] {meanColour(image, 5, 5, 4), meanColour(image, w - 6, 5, 4),
                meanColour(image, 5, h - 6, 4), meanColour(image, w - 6, h - 6, 4)};
    }
}
