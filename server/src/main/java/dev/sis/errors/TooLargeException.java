package dev.sis.errors;

/** The request body is over the size limit (413). */
public final class TooLargeException extends SisException {
    public TooLargeException(String publicMessage) {
        super(413, publicMessage, null);
    }

    public TooLargeException(String publicMessage, Throwable cause) {
        super(413, publicMessage, cause);
    }
}
