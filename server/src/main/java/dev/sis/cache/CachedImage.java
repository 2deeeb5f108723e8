package dev.sis.cache;

import dev.sis.image.ImageFormat;
import java.util.Objects;

/**
 * Bytes held by the cache. The array is never modified after construction: callers must not
 * write to it.
 *
 * @param bytes  the encoded file
 * @param format its image format, or {@code null} for a non-image file (accept-any-file mode)
 */
public record CachedImage(byte[] bytes, ImageFormat format) {
    /** Rough per-entry bookkeeping cost (key, record, map node), counted against the budget. */
    public static final int ENTRY_OVERHEAD = 128;

    public CachedImage {
        Objects.requireNonNull(bytes, "bytes");
    }

    /** What this entry costs against the cache budget. */
    public long weight() {
        return (long) bytes.length + ENTRY_OVERHEAD;
    }
}
