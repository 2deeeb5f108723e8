package dev.sis.image.jpeg;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.w3c.dom.Node;

/**
 * JPEGs the decoder tests write themselves with the JDK's JPEG writer (which can write
 * progressive files, any chroma sampling and restart intervals through its metadata), and
 * what they are compared with: the JDK's full decode, box-averaged down to the decode scale.
 */
public final class JpegSamples {
    /** Chroma samplings as the luma component's (horizontal, vertical) factors, chroma at 1 × 1. */
    public enum Sampling {
        S444(1, 1), S422(2, 1), S420(2, 2), S440(1, 2);

        final int horizontal;
        final int vertical;

        Sampling(int horizontal, int vertical) {
            this.horizontal = horizontal;
            this.vertical = vertical;
        }
    }

    private JpegSamples() {
    }

    /** A photo-like picture: soft gradients, shapes with sharp edges, lines, text and a little noise. */
    public static BufferedImage picture(int width, int height, int type, long seed) {
        BufferedImage image = new BufferedImage(width, height, type);
        Graphics2D g = image.createGraphics();
        Random random = new Random(seed);
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setPaint(new GradientPaint(0, 0, new Color(40, 90, 160), width, height, new Color(230, 190, 120)));
            g.fillRect(0, 0, width, height);
            for (int i = 0; i < 12; i++) {
                g.setColor(new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256), 180));
                g.fillOval(random.nextInt(width), random.nextInt(height), width / 6, height / 6);
            }
            g.setStroke(new BasicStroke(3));
            g.setColor(Color.DARK_GRAY);
            g.drawLine(0, height / 3, width, height / 2);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.max(10, height / 12)));
            g.setColor(Color.WHITE);
            g.drawString("sis 18", width / 10, height * 3 / 4);
        } finally {
            g.dispose();
        }
        int[] noise = new int[width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int rgb = image.getRGB(x, y);
                int d = random.nextInt(9) - 4;
                noise[x] = clamp((rgb >> 16 & 255) + d) << 16 | clamp((rgb >> 8 & 255) + d) << 8 | clamp((rgb & 255) + d);
            }
            image.setRGB(0, y, width, 1, noise, 0, width);
        }
        return image;
    }

    /**
     * Encodes {@code image} at {@code quality} (0..1) with the JDK's writer: {@code sampling} for a
     * colour image, progressive or not, with a restart interval of {@code restartInterval} MCUs (0: none).
     */
    public static byte[] jpeg(BufferedImage image, Sampling sampling, boolean progressive, int restartInterval, float quality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream();
             MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            if (progressive) {
                param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            }
            IIOMetadata metadata = writer.getDefaultImageMetadata(new ImageTypeSpecifier(image), param);
            String format = "javax_imageio_jpeg_image_1.0";
            IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree(format);
            IIOMetadataNode markers = (IIOMetadataNode) root.getElementsByTagName("markerSequence").item(0);
            IIOMetadataNode sof = (IIOMetadataNode) markers.getElementsByTagName("sof").item(0);
            Node luma = sof.getElementsByTagName("componentSpec").item(0);
            if (sof.getElementsByTagName("componentSpec").getLength() == 3) {
                ((IIOMetadataNode) luma).setAttribute("HsamplingFactor", Integer.toString(sampling.horizontal));
                ((IIOMetadataNode) luma).setAttribute("VsamplingFactor", Integer.toString(sampling.vertical));
            }
            if (restartInterval > 0) {
                IIOMetadataNode dri = new IIOMetadataNode("dri");
                dri.setAttribute("interval", Integer.toString(restartInterval));
                markers.insertBefore(dri, sof);
            }
            metadata.setFromTree(format, root);
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, metadata), param);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
    }

    /** How many times marker {@code code} (FF code) occurs in {@code jpeg}: a stuffed FF 00 never matches. */
    public static int markers(byte[] jpeg, int code) {
        int count = 0;
        for (int i = 0; i + 1 < jpeg.length; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == code) {
                count++;
            }
        }
        return count;
    }

    /** The JDK's full decode of {@code jpeg}, every pixel as RGB. */
    public static BufferedImage fullDecode(byte[] jpeg) {
        try {
            BufferedImage decoded = ImageIO.read(new java.io.ByteArrayInputStream(jpeg));
            BufferedImage rgb = new BufferedImage(decoded.getWidth(), decoded.getHeight(), BufferedImage.TYPE_INT_RGB);
            Graphics2D g = rgb.createGraphics();
            g.drawImage(decoded, 0, 0, null);
            g.dispose();
            return rgb;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code image} shrunk by {@code factor}: each output pixel the mean of its factor × factor (the last ones cut). */
    public static BufferedImage boxDown(BufferedImage image, int factor) {
        int w = (image.getWidth() + factor - 1) / factor;
        int h = (image.getHeight() + factor - 1) / factor;
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                long r = 0;
                long gr = 0;
                long b = 0;
                int n = 0;
                for (int yy = y * factor; yy < Math.min(image.getHeight(), (y + 1) * factor); yy++) {
                    for (int xx = x * factor; xx < Math.min(image.getWidth(), (x + 1) * factor); xx++) {
                        int rgb = image.getRGB(xx, yy);
                        r += rgb >> 16 & 255;
                        gr += rgb >> 8 & 255;
                        b += rgb & 255;
                        n++;
                    }
                }
                out.setRGB(x, y, (int) ((r + n / 2) / n) << 16 | (int) ((gr + n / 2) / n) << 8 | (int) ((b + n / 2) / n));
            }
        }
        return out;
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
}
