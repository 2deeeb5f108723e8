package dev.sis.image;

import java.awt.AlphaComposite;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * The last step: encodes a frame with no metadata at all (no EXIF, GPS, comments or profiles:
 * the pixels are sRGB, which is what a file without a profile means), so the bytes depend on
 * the pixels and the quality only. JPEG is baseline 4:2:0 at the given quality; WebP is lossy
 * at the given quality (libwebp, with its alpha channel when there is one); PNG and GIF are
 * lossless (GIF through a 256-colour palette). Stateless and thread-safe.
 */
final class Encoder {
    private Encoder() {
    }

    static byte[] encode(BufferedImage frame, ImageFormat format, int quality) {
        BufferedImage pixels = format == ImageFormat.JPEG ? interleavedBytes(new Flatten().apply(frame)) : forWriter(frame);
        ImageWriter writer = writerFor(format);
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(1024, frame.getWidth() * frame.getHeight() / 4));
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(null, new IIOImage(pixels, null, null), param(writer, format, quality));
        } catch (IOException e) {
            throw new UncheckedIOException("encoding " + format.urlName() + " failed", e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    private static ImageWriteParam param(ImageWriter writer, ImageFormat format, int quality) {
        ImageWriteParam param = writer.getDefaultWriteParam();
        if (format == ImageFormat.JPEG) {
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality / 100f);
        } else if (format == ImageFormat.WEBP) {
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionType("Lossy");
            param.setCompressionQuality(quality / 100f);
        }
        return param;
    }

    /**
     * An opaque frame as 3-byte BGR pixels for the JDK's JPEG writer: it copies each row of the
     * source into a byte raster of its own, which is one array copy from a byte raster but a walk
     * pixel by pixel through the generic {@code Raster.getPixels} from packed ints (~4% of a cold
     * 2.5 MP → 400 px variant's CPU went there). Frames of other layouts pass through.
     */
    static BufferedImage interleavedBytes(BufferedImage opaque) {
        if (opaque.getType() != BufferedImage.TYPE_INT_RGB) {
            return opaque;
        }
        int[] rgb = Pixels.of(opaque);
        BufferedImage bgr = new BufferedImage(opaque.getWidth(), opaque.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        byte[] out = ((DataBufferByte) bgr.getRaster().getDataBuffer()).getData();
        for (int i = 0, o = 0; i < rgb.length; i++, o += 3) {
            int p = rgb[i];
            out[o] = (byte) p;
            out[o + 1] = (byte) (p >> 8);
            out[o + 2] = (byte) (p >> 16);
        }
        return bgr;
    }

    /** Writers take straight (not premultiplied) alpha. */
    static BufferedImage forWriter(BufferedImage frame) {
        if (frame.getType() != BufferedImage.TYPE_INT_ARGB_PRE) {
            return frame;
        }
        BufferedImage straight = new BufferedImage(frame.getWidth(), frame.getHeight(), BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = straight.createGraphics();
        try {
            g.setComposite(AlphaComposite.Src);
            g.drawImage(frame, 0, 0, null);
        } finally {
            g.dispose();
        }
        return straight;
    }

    static ImageWriter writerFor(ImageFormat format) {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName(format.urlName());
        if (!writers.hasNext()) {
            throw new IllegalStateException("no ImageIO writer for " + format);
        }
        return writers.next();
    }
}
