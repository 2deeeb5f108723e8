package dev.sis.http.multipart;

/**
 * What a multipart body may contain, so that a hostile body costs bounded memory and work.
 * The total body size is limited by the caller, not here.
 *
 * @param maxHeaderBytes largest header section of one part, in bytes, counting line endings,
 *                       the blank line and the rest of the delimiter line before it; also the
 *                       largest preamble accepted before the first delimiter.
 *                       From 1 to {@value #HEADER_BYTES_CEILING}
 * @param maxParts       most parts accepted; one more is an error
 */
public record MultipartLimits(int maxHeaderBytes, int maxParts) {
    public static final int DEFAULT_MAX_HEADER_BYTES = 16 * 1024;
    public static final int DEFAULT_MAX_PARTS = 1000;
    /**
     * A header line must fit in the reader's 64 KiB buffer (the upload memory counts it so)
     * together with the first byte of the next line and the last delimiter seen.
     */
    public static final int HEADER_BYTES_CEILING = 63 * 1024;

    public MultipartLimits {
        if (maxHeaderBytes < 1 || maxHeaderBytes > HEADER_BYTES_CEILING) {
            throw new IllegalArgumentException("maxHeaderBytes must be from 1 to " + HEADER_BYTES_CEILING);
        }
        if (maxParts < 1) {
            throw new IllegalArgumentException("maxParts must be positive");
        }
    }

    public static MultipartLimits defaults() {
        return new MultipartLimits(DEFAULT_MAX_HEADER_BYTES, DEFAULT_MAX_PARTS);
    }
}
