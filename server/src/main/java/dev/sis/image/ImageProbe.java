package dev.sis.image;

import dev.sis.errors.UnsupportedImageException;
import java.io.InputStream;

/**
 * Reads an image's format and dimensions from its header, without decoding pixels — so that
 * budgets are checked before any large allocation.
 */
public final class ImageProbe {
    /** Frames counted at most: more are reported as this many plus one. */
    public static final int MAX_COUNTED_FRAMES = 1_000_000;

    /** The formats recognised as images, for messages. */
    public static final String SUPPORTED = SourceImage.SUPPORTED;

    private ImageProbe() {
    }

    /**
     * Probes an image. Width and height are as displayed (after the EXIF orientation); a GIF's
     * are its canvas's.
     *
     * @param in          the image bytes from the start; read but not closed
     * @param countFrames whether to count frames (walks the whole of a GIF, decoding nothing)
     * @throws UnsupportedImageException when the bytes are not an image in a supported format,
     *                                   or its header is broken
     */
    public static ImageInfo probe(InputStream in, boolean countFrames) {
        try (SourceImage image = SourceImage.open(in)) {
            int frames = countFrames ? image.countFrames(MAX_COUNTED_FRAMES) : 1;
            return new ImageInfo(image.format, image.displayedWidth(), image.displayedHeight(), frames);
        }
    }
}
