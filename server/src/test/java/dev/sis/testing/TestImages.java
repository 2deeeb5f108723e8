package dev.sis.testing;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** Small images made by the tests themselves, in each format. */
public final class TestImages {
    private TestImages() {
    }

    /** A {@code width × height} picture with a gradient and a marker, so resizes are visible. */
    public static BufferedImage picture(int width, int height, long seed) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            Color a = new Color((int) (seed * 2654435761L) & 0xFFFFFF);
            g.setPaint(new GradientPaint(0, 0, a, width, height, Color.WHITE));
            g.fillRect(0, 0, width, height);
            g.setColor(Color.BLACK);
            g.fillOval(width / 4, height / 4, Math.max(1, width / 2), Math.max(1, height / 2));
        } finally {
            g.dispose();
        }
        return image;
    }

    public static BufferedImage withAlpha(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(new Color(255, 0, 0, 128));
            g.fillRect(0, 0, width / 2, height);
        } finally {
            g.dispose();
        }
        return image;
    }

    public static byte[] jpeg(int width, int height) {
        return encode(picture(width, height, width * 31L + height), "jpeg");
    }

    public static byte[] jpeg(int width, int height, long seed) {
        return encode(picture(width, height, seed), "jpeg");
    }

    public static byte[] png(int width, int height) {
        return encode(picture(width, height, width * 17L + height), "png");
    }

    public static byte[] gif(int width, int height) {
        return encode(picture(width, height, width * 13L + height), "gif");
    }

    public static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static BufferedImage decode(byte[] bytes) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
            if (image == null) {
                throw new IllegalArgumentException("not a decodable image");
            }
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Peak signal-to-noise ratio of {@code a} against {@code b} (same size) over R, G and B, in dB. */
    public static double psnr(BufferedImage a, BufferedImage b) {
        if (a.getWidth() != b.getWidth() || a.getHeight() != b.getHeight()) {
            throw new IllegalArgumentException("sizes differ: " + a.getWidth() + "x" + a.getHeight()
                    + " against " + b.getWidth() + "x" + b.getHeight());
        }
        double sum = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                for (int shift = 0; shift <= 16; shift += 8) {
                    int d = ((p >> shift) & 0xFF) - ((q >> shift) & 0xFF);
                    sum += d * d;
                }
            }
        }
        double mse = sum / (3.0 * a.getWidth() * a.getHeight());
        return mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(255 * 255 / mse);
    }

    /** Mean absolute difference per channel (0–255) between two images of the same size. */
    public static double meanDifference(BufferedImage a, BufferedImage b) {
        long total = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                for (int shift = 0; shift <= 16; shift += 8) {
                    total += Math.abs(((p >> shift) & 0xFF) - ((q >> shift) & 0xFF));
                }
            }
        }
        return total / (3.0 * a.getWidth() * a.getHeight());
    }

    public static String md5Hex(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
