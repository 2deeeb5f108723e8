package dev.sis.image;

import dev.sis.errors.OverBudgetException;
import dev.sis.errors.UnsupportedImageException;

/**
 * A variant whose source header has been read and whose budgets have passed, ready to be made:
 * it knows how much memory making it will take ({@link #memoryBytes()}) before a pixel is
 * decoded, so that callers can wait for that much room. Not thread-safe; close it (it holds
 * the source's reader or bytes).
 */
public interface PreparedVariant extends AutoCloseable {

    /** The heap making this variant takes at most, estimated from the header. */
    long memoryBytes();

    /**
     * Makes the variant.
     *
     * @throws UnsupportedImageException when the image data is broken or truncated
     * @throws OverBudgetException       when the decode deadline passes
     */
    EncodedImage make();

    @Override
    void close();
}
