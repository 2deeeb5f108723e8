package dev.sis.config;

/**
 * What an upload may be.
 *
 * @param maxRequestBytes largest request body accepted, all parts together
 * @param maxNameBytes    longest file name accepted, in UTF-8 bytes
 * @param acceptAnyFile   {@code true} restores sis 2.0's behaviour of storing any file;
 *                        {@code false} (the default) accepts only images in a supported format
 */
public record UploadLimits(long maxRequestBytes, int maxNameBytes, boolean acceptAnyFile) {
    public static final long DEFAULT_MAX_REQUEST_BYTES = 50L * 1024 * 1024;
    public static final int DEFAULT_MAX_NAME_BYTES = 50;

    public UploadLimits {
        if (maxRequestBytes < 1) {
            throw new IllegalArgumentException("maxRequestBytes must be positive");
        }
        if (maxNameBytes < 1 || maxNameBytes > 255) {
            throw new IllegalArgumentException("maxNameBytes must be from 1 to 255");
        }
    }

    public static UploadLimits defaults() {
        return new UploadLimits(DEFAULT_MAX_REQUEST_BYTES, DEFAULT_MAX_NAME_BYTES, false);
    }
}
