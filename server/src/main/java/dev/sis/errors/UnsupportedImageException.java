package dev.sis.errors;

/** The file is not an image in a supported format (415). */
public final class UnsupportedImageException extends SisException {
    public UnsupportedImageException(String publicMessage) {
        super(415, publicMessage, null);
    }

    public UnsupportedImageException(String publicMessage, Throwable cause) {
        super(415, publicMessage, cause);
    }
}
