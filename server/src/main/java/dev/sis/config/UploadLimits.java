package dev.sis.config;

/**
 * What an upload may be.
 *
 * @param maxRequestBytes largest request body accepted, all parts together
 * @param maxNameBytes    longest file name accepted, in UTF-8 bytes
 * @param acceptAnyFile   {@code true} restores sis 2.0's behaviour of storing any file;
 *                        {@code false} (the default) accepts only images in a supported format
 * @param memoryBytes     memory that the uploads in flight may hold together (their buffers and
 *                        the copies kept for the cache); see {@code service.UploadMemory}
 */
public record UploadLimits(long maxRequestBytes, int maxNameBytes, boolean acceptAnyFile, long memoryBytes) {
    public static final long DEFAULT_MAX_REQUEST_BYTES = 50L * 1024 * 1024;
    public static final int DEFAULT_MAX_NAME_BYTES = 50;
    /** The smallest upload memory: the buffers of 8 uploads at once. */
    public static final long MIN_MEMORY = 1L << 20;

    public UploadLimits {
        if (maxRequestBytes < 1) {
            throw new IllegalArgumentException("maxRequestBytes must be positive");
        }
        if (maxNameBytes < 1 || maxNameBytes > 255) {
            throw new IllegalArgumentException("maxNameBytes must be from 1 to 255");
        }
        if (memoryBytes < MIN_MEMORY) {
            throw new IllegalArgumentException("the upload memory must be at least 1 MiB");
        }
    }

    /** The limits with the default upload memory. */
    public UploadLimits(long maxRequestBytes, int maxNameBytes, boolean acceptAnyFile) {
        this(maxRequestBytes, maxNameBytes, acceptAnyFile, defaultMemory());
    }

    public static UploadLimits defaults() {
        return new UploadLimits(DEFAULT_MAX_REQUEST_BYTES, DEFAULT_MAX_NAME_BYTES, false);
    }

    /**
     * A sixteenth of the maximum heap (16 MiB at {@code -Xmx256m}, 64 MiB at 1 GiB). Half the
     * heap is the decodes' and the cache has a budget of its own; what uploads keep in memory
     * only spares reading a file just written (from the page cache) when it is cached, so they
     * get a small share, enough for the buffers of 128 uploads at once at 256 MiB.
     */
    public static long defaultMemory() {
        return Math.max(MIN_MEMORY, Runtime.getRuntime().maxMemory() / 16);
    }

    public UploadLimits withMemory(long bytes) {
        return new UploadLimits(maxRequestBytes, maxNameBytes, acceptAnyFile, bytes);
    }
}
