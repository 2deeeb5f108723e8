package dev.sis.image;

import dev.sis.errors.UnsupportedImageException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * An image opened for reading: its format (from the magic number), an ImageIO reader positioned
 * on it, and the dimensions from its header. Nothing is decoded until asked. Not thread-safe;
 * close it to release the reader.
 */
final class SourceImage implements AutoCloseable {
    static {
        // Keep ImageIO's stream buffering in memory: no temp files behind our back.
        ImageIO.setUseCache(false);
    }

    final ImageFormat format;
    final ImageReader reader;
    final int width;
    final int height;
    private final ImageInputStream stream;

    private SourceImage(ImageFormat format, ImageReader reader, ImageInputStream stream, int width, int height) {
        this.format = format;
        this.reader = reader;
        this.stream = stream;
        this.width = width;
        this.height = height;
    }

    /**
     * Opens {@code in} (not closed by this) and reads the header.
     *
     * @throws UnsupportedImageException when it is not an image in a supported format, or its
     *                                   header is broken
     */
    static SourceImage open(InputStream in) {
        byte[] head;
        try {
            head = in.readNBytes(ImageFormat.SNIFF_LENGTH);
        } catch (IOException e) {
            throw new UnsupportedImageException("the file could not be read as an image", e);
        }
        ImageFormat format = ImageFormat.sniff(head, head.length)
                .orElseThrow(() -> new UnsupportedImageException(
                        "the file is not an image in a supported format (JPEG, PNG, GIF, WebP, BMP)"));
        ImageReader reader = readerFor(format);
        ImageInputStream stream = null;
        try {
            stream = new EofLimitedImageInputStream(new SequenceInputStream(new ByteArrayInputStream(head), in));
            reader.setInput(stream, false, true);
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            if (width < 1 || height < 1) {
                throw new UnsupportedImageException("the image header declares no pixels");
            }
            return new SourceImage(format, reader, stream, width, height);
        } catch (IOException | RuntimeException e) {
            reader.dispose();
            closeQuietly(stream);
            if (e instanceof UnsupportedImageException unsupported) {
                throw unsupported;
            }
            throw new UnsupportedImageException("the " + format.urlName() + " header is broken or truncated", e);
        }
    }

    long pixels() {
        return (long) width * height;
    }

    @Override
    public void close() {
        reader.dispose();
        closeQuietly(stream);
    }

    private static ImageReader readerFor(ImageFormat format) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.urlName());
        if (!readers.hasNext()) {
            throw new UnsupportedImageException("reading " + format.urlName() + " is not supported by this server");
        }
        return readers.next();
    }

    private static void closeQuietly(ImageInputStream stream) {
        if (stream != null) {
            try {
                stream.close();
            } catch (IOException ignored) {
                // Nothing to release beyond memory; the source stream belongs to the caller.
            }
        }
    }
}
