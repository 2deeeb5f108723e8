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
     * Makes the variant: reads the rest of the file, checks what only the whole file tells, and
     * decodes, resizes and encodes, stopping once the decode deadline has passed. It may run on
     * another thread than {@code prepare}, but on one at a time.
     *
     * @throws UnsupportedImageException when the image data is broken or truncated
     * @throws OverBudgetException       when the file is over a budget or the decode deadline passes
     */
    EncodedImage make();

    @Override
    void close();
}
