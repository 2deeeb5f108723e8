package dev.sis.image;

import dev.sis.errors.OverBudgetException;
import dev.sis.errors.UnsupportedImageException;
import java.io.InputStream;

/**
 * Makes variants. Two implementations: {@link JavaImageEngine} (ImageIO and TwelveMonkeys, always
 * there) and {@link VipsImageEngine} (libvips through the FFM API, when the library is installed);
 * {@link ImageEngines} picks one. Both give the same contract: sizes as displayed (EXIF
 * orientation applied), sRGB, no metadata, the asked quality, deterministic bytes, every budget
 * checked from the header before a pixel is decoded.
 *
 * <p>In two phases, so that callers can admit work by memory: {@link #prepare} reads the header
 * (only the head of the file), checks the budgets and estimates the memory;
 * {@link PreparedVariant#make()} then reads the rest, checks what only the whole file tells (its
 * structure, an animation's frames) and makes the variant, stopping at the decode deadline.
 * Implementations are thread-safe; callers bound how many run at once, and run {@code make} on
 * threads of their own ({@code DecodeGate}).
 */
public interface ImageEngine {

    /**
     * Reads the header of the image in {@code source} (only its head; not closed: it must stay
     * open until the prepared variant is closed, which reads the rest) and plans the variant
     * {@code spec}.
     *
     * @param sourceBytes the length of {@code source}, for the memory estimate, or 0 when unknown
     * @throws UnsupportedImageException when the source is not an image in a supported format
     * @throws OverBudgetException       when the source or the variant is over a budget
     */
    PreparedVariant prepare(InputStream source, long sourceBytes, VariantSpec spec);

    /**
     * Makes the variant {@code spec} of the image in {@code source} (read, not closed), without
     * waiting for memory.
     *
     * @throws UnsupportedImageException when the source is not a decodable image
     * @throws OverBudgetException       when the source or the variant is over a budget, or
     *                                   making it takes longer than the decode timeout
     */
    default EncodedImage makeVariant(InputStream source, VariantSpec spec) {
        try (PreparedVariant variant = prepare(source, 0, spec)) {
            return variant.make();
        }
    }

    /**
     * What the variant {@code spec} of the image in {@code source} (read, not closed) would be:
     * its format and its size as displayed, from the header alone, with every budget checked as
     * {@link #prepare} checks them and a GIF's frames counted as making it would; nothing is
     * decoded.
     *
     * @throws UnsupportedImageException when the source is not an image in a supported format
     * @throws OverBudgetException       when the source or the variant is over a budget
     */
    ImageInfo plan(InputStream source, VariantSpec spec);

    /** The engine's name as {@code --image-engine} spells it, with its version where it has one. */
    String describe();

    /** Whether this engine writes {@code format}: every writable format but AVIF, unless overridden. */
    default boolean writes(ImageFormat format) {
        return format.writable() && format != ImageFormat.AVIF;
    }

    /**
     * Where this engine's own measure of interest puts the subject of a small picture
     * ({@code argb}, {@code width × height}, row by row), for the focal point kept with an
     * image; empty when it has none, and sis's own measure ({@link ImageAnalysis}) is used.
     */
    default java.util.Optional<Gravity> attention(int[] argb, int width, int height) {
        return java.util.Optional.empty();
    }
}
