package dev.sis.image;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.imageio.ImageIO;

/**
 * The watermark image ({@code --watermark FILE}): a PNG, read and checked once at start, kept
 * decoded (premultiplied ARGB) for the pure-Java engine and as its file for libvips. Where it goes
 * on a variant ({@link #placement}) is computed here for both engines, so they put it on the
 * same pixels. Immutable.
 */
public final class Watermark {
    /** Largest file: a watermark is a logo, not a photo. */
    public static final long MAX_BYTES = 4L << 20;
    /** Largest width or height. */
    public static final int MAX_SIDE = 4096;
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private final byte[] file;
    private final BufferedImage image;
    private final String hash;

    private Watermark(byte[] file, BufferedImage image) {
        this.file = file;
        this.image = image;
        this.hash = HexFormat.of().formatHex(sha256(file), 0, 4);
    }

    /**
     * Reads and checks the watermark file.
     *
     * @throws IllegalArgumentException saying why it cannot be used (missing, unreadable, not a
     *                                  PNG, too large, broken)
     */
    public static Watermark load(Path path) {
        byte[] file;
        try {
            if (!Files.isRegularFile(path)) {
                throw new IllegalArgumentException("no such file: " + path);
            }
            if (Files.size(path) > MAX_BYTES) {
                throw new IllegalArgumentException(path + " is larger than " + (MAX_BYTES >> 20) + " MiB");
            }
            file = Files.readAllBytes(path);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + path + ": " + e.getMessage());
        }
        return of(file, path.toString());
    }

    /** A watermark from a PNG file's bytes; {@code name} names it in messages. */
    public static Watermark of(byte[] file, String name) {
        if (file.length < PNG_SIGNATURE.length
                || !java.util.Arrays.equals(file, 0, PNG_SIGNATURE.length, PNG_SIGNATURE, 0, PNG_SIGNATURE.length)) {
            throw new IllegalArgumentException(name + " is not a PNG file");
        }
        BufferedImage decoded;
        try {
            decoded = ImageIO.read(new ByteArrayInputStream(file));
        } catch (IOException | RuntimeException e) {
            decoded = null;
        }
        if (decoded == null) {
            throw new IllegalArgumentException(name + " is a broken PNG file");
        }
        if (decoded.getWidth() > MAX_SIDE || decoded.getHeight() > MAX_SIDE) {
            throw new IllegalArgumentException(name + " is " + decoded.getWidth() + "x" + decoded.getHeight()
                    + " pixels; a watermark may be at most " + MAX_SIDE + " on each side");
        }
        BufferedImage premultiplied = new BufferedImage(decoded.getWidth(), decoded.getHeight(),
                BufferedImage.TYPE_INT_ARGB_PRE);
        premultiplied.createGraphics().drawImage(decoded, 0, 0, null);
        return new Watermark(file.clone(), premultiplied);
    }

    /** The first 8 hex digits of the file's SHA-256: part of every watermarked variant's id. */
    public String hash() {
        return hash;
    }

    public int width() {
        return image.getWidth();
    }

    public int height() {
        return image.getHeight();
    }

    /** The decoded watermark, premultiplied ARGB; not to be modified. */
    BufferedImage image() {
        return image;
    }

    /** The PNG file, for libvips; not to be modified. */
    byte[] file() {
        return file;
    }

    /**
     * Where the watermark goes on a {@code width}×{@code height} variant: its width is
     * {@code spec.scale()} per cent of the variant's, its height keeps its proportions, both made
     * smaller if needed to fit inside the margins; the margin is 2 % of the variant's shorter side
     * (at least 1 pixel when the variant has room) from each edge it sits against.
     */
    public Rectangle placement(int width, int height, WatermarkSpec spec) {
        int margin = Math.min(width, height) >= 50 ? Math.max(1, Math.round(Math.min(width, height) * 0.02f)) : 0;
        double w = Math.max(1, width * spec.scale() / 100.0);
        double h = w * image.getHeight() / image.getWidth();
        double fit = Math.min(1, Math.min((width - 2.0 * margin) / w, (height - 2.0 * margin) / h));
        int ww = Math.max(1, (int) Math.round(w * fit));
        int wh = Math.max(1, (int) Math.round(h * fit));
        int x = switch (spec.position().column()) {
            case -1 -> margin;
            case 1 -> width - ww - margin;
            default -> (width - ww) / 2;
        };
        int y = switch (spec.position().row()) {
            case -1 -> margin;
            case 1 -> height - wh - margin;
            default -> (height - wh) / 2;
        };
        return new Rectangle(Math.max(0, x), Math.max(0, y), ww, wh);
    }

    /**
     * The watermark resized to {@code at} by sis's resampler, premultiplied ARGB, row after row:
     * what both engines lay over the variant, so that they blend the same pixels.
     */
    int[] resizedTo(Rectangle at) {
        return Pixels.of(Resampler.resize(image, at.width, at.height)).clone();
    }

    /**
     * The watermark resized to {@code at}, its alpha times {@code opacity} per cent, as
     * straight (not premultiplied) RGBA bytes: the overlay libvips' composite takes.
     */
    byte[] rgbaAt(Rectangle at, int opacity) {
        int[] pixels = resizedTo(at);
        byte[] rgba = new byte[pixels.length * 4];
        for (int i = 0; i < pixels.length; i++) {
            int p = pixels[i];
            int a = p >>> 24;
            rgba[4 * i] = (byte) straight((p >> 16) & 0xFF, a);
            rgba[4 * i + 1] = (byte) straight((p >> 8) & 0xFF, a);
            rgba[4 * i + 2] = (byte) straight(p & 0xFF, a);
            rgba[4 * i + 3] = (byte) ((a * opacity * 255 / 100 + 127) / 255);
        }
        return rgba;
    }

    private static int straight(int premultiplied, int alpha) {
        return alpha == 0 ? 0 : Math.min(255, (premultiplied * 255 + alpha / 2) / alpha);
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
