package dev.sis.image;

import java.util.Objects;

/**
 * An encoded image: a variant just made, or an original or variant held by the memory cache.
 * The array is never modified after construction: holders must not write to it.
 *
 * @param bytes  the encoded file
 * @param format its image format, or {@code null} for a non-image original (accept-any-file mode)
 */
public record EncodedImage(byte[] bytes, ImageFormat format) {
    public EncodedImage {
        Objects.requireNonNull(bytes, "bytes");
    }
}
