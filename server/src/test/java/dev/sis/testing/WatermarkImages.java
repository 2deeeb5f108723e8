package dev.sis.testing;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;

/**
 * Images whose watermarked look is known: a flat grey source and a 40×20 watermark whose left
 * half is opaque red and right half fully transparent, so that at opacity 0.5 the left half of
 * its place turns (191, 64, 64) and the right half stays grey.
 */
public final class WatermarkImages {
    public static final int GREY = 128;
    public static final int MARK_WIDTH = 40;
    public static final int MARK_HEIGHT = 20;

    private WatermarkImages() {
    }

    /** The watermark PNG: left half red, right half transparent. */
    public static byte[] halfRedMark() {
        BufferedImage mark = new BufferedImage(MARK_WIDTH, MARK_HEIGHT, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = mark.createGraphics();
        try {
            g.setColor(Color.RED);
            g.fillRect(0, 0, MARK_WIDTH / 2, MARK_HEIGHT);
        } finally {
            g.dispose();
        }
        return TestImages.encode(mark, "png");
    }

    /** A flat grey opaque image. */
    public static BufferedImage grey(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(new Color(GREY, GREY, GREY));
            g.fillRect(0, 0, width, height);
        } finally {
            g.dispose();
        }
        return image;
    }

    /** A flat grey opaque PNG. */
    public static byte[] greyPng(int width, int height) {
        return TestImages.encode(grey(width, height), "png");
    }

    /** Red at {@code opacity} over the grey: what the watermark's opaque half turns the grey into. */
    public static int[] redOverGrey(double opacity) {
        return new int[] {(int) Math.round(255 * opacity + GREY * (1 - opacity)),
                (int) Math.round(GREY * (1 - opacity)), (int) Math.round(GREY * (1 - opacity))};
    }
}
