package dev.sis.image;

import dev.sis.config.ImageLimits;

/**
 * Refuses, before a pixel is decoded, files whose structure makes a decoder work far beyond
 * their size: a progressive JPEG whose every scan walks all the image's blocks again, a PNG whose
 * compressed text chunks each inflate to megabytes before the pixels (see {@link JpegScans},
 * {@link PngChunks}). Both engines run it over the whole file once the decode has been admitted.
 *
 * <p>Fed the file's bytes in order, in blocks of any size; not thread-safe.
 */
interface StructureCheck {
    /** Formats whose structure costs nothing beyond their pixels (or is checked elsewhere: GIF frames). */
    StructureCheck NONE = (bytes, offset, length) -> {
    };

    /**
     * Takes the next {@code length} bytes of the file.
     *
     * @throws dev.sis.errors.OverBudgetException (422) as soon as the file is over a limit
     */
    void feed(byte[] bytes, int offset, int length);

    /** The check for {@code format}'s files, within {@code limits}. */
    static StructureCheck of(ImageFormat format, ImageLimits limits) {
        return switch (format) {
            case JPEG -> new JpegScans(limits.maxJpegScans());
            case PNG -> new PngChunks();
            default -> NONE;
        };
    }

    /**
     * Checks a whole file held in memory.
     *
     * @throws dev.sis.errors.OverBudgetException (422) when the file is over a limit
     */
    static void checkWhole(ImageFormat format, ImageLimits limits, byte[] file) {
        of(format, limits).feed(file, 0, file.length);
    }
}
