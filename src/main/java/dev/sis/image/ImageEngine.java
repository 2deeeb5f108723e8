package dev.sis.image;

import dev.sis.config.ImageLimits;
import dev.sis.errors.OverBudgetException;
import dev.sis.errors.UnsupportedImageException;
import java.io.InputStream;

/**
 * Makes variants with the JDK's ImageIO plus the TwelveMonkeys readers and libwebp's encoder.
 * In two phases, so that callers can admit work by memory: {@link #prepare} reads the header and
 * checks every budget (source pixels, output pixels, animation frames × pixels) before a pixel
 * is decoded, and estimates the memory; {@link PreparedVariant#make()} then runs the steps.
 * Thread-safe; callers bound how many run at once ({@code DecodeGate}).
 */
public final class ImageEngine {
    private final ImageLimits limits;

    public ImageEngine(ImageLimits limits) {
        this.limits = limits;
    }

    /**
     * Reads the header of the image in {@code source} (read, not closed; it must stay open
     * until the prepared variant is closed) and plans the variant {@code spec}.
     *
     * @param sourceBytes the length of {@code source}, for the memory estimate (it is buffered
     *                    in memory as it is read), or 0 when unknown
     * @throws UnsupportedImageException when the source is not an image in a supported format
     * @throws OverBudgetException       when the source or the variant is over a budget
     */
    public PreparedVariant prepare(InputStream source, long sourceBytes, VariantSpec spec) {
        SourceImage image = SourceImage.open(source);
        try {
            return new PreparedVariant(image, spec, limits, sourceBytes);
        } catch (RuntimeException e) {
            image.close();
            throw e;
        }
    }

    /**
     * Makes the variant {@code spec} of the image in {@code source} (read, not closed), without
     * waiting for memory.
     *
     * @throws UnsupportedImageException when the source is not a decodable image
     * @throws OverBudgetException       when the source or the variant is over a budget, or
     *                                   making it takes longer than the decode timeout
     */
    public EncodedImage makeVariant(InputStream source, VariantSpec spec) {
        try (PreparedVariant variant = prepare(source, 0, spec)) {
            return variant.make();
        }
    }
}
