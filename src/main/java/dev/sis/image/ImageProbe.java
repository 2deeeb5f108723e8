package dev.sis.image;

import dev.sis.errors.UnsupportedImageException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads an image's format and dimensions from its header, without decoding pixels — so that
 * budgets are checked before any large allocation.
 */
public final class ImageProbe {
    private ImageProbe() {
    }

    /**
     * Probes an image.
     *
     * @param in          the image bytes from the start; read but not closed
     * @param countFrames whether to count frames (reads the whole of an animated file)
     * @throws UnsupportedImageException when the bytes are not an image in a supported format,
     *                                   or its header is broken
     */
    public static ImageInfo probe(InputStream in, boolean countFrames) {
        try (SourceImage image = SourceImage.open(in)) {
            int frames = 1;
            if (countFrames && image.format == ImageFormat.GIF) {
                try {
                    frames = Math.max(1, image.reader.getNumImages(true));
                } catch (IOException | RuntimeException e) {
                    throw new UnsupportedImageException("the gif is broken or truncated", e);
                }
            }
            return new ImageInfo(image.format, image.width, image.height, frames);
        }
    }
}
