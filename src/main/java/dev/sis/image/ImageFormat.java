package dev.sis.image;

/**
 * The image formats sis reads and writes (see the {@code format} parameter of the /v1 API).
 *
 * <p>Minimal on purpose: {@link dev.sis.cache.CachedImage} already refers to this type, and the
 * image pipeline will grow it (content type, magic bytes) when it lands.
 */
public enum ImageFormat {
    JPEG,
    PNG,
    GIF,
    WEBP
}
