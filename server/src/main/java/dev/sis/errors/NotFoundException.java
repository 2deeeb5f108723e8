package dev.sis.errors;

/** No such image, name or variant (404). */
public final class NotFoundException extends SisException {
    public NotFoundException(String publicMessage) {
        super(404, publicMessage, null);
    }

    public NotFoundException(String publicMessage, Throwable cause) {
        super(404, publicMessage, cause);
    }
}
