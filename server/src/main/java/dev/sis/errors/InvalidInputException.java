package dev.sis.errors;

/** A malformed request or parameter (400). */
public final class InvalidInputException extends SisException {
    public InvalidInputException(String publicMessage) {
        super(400, publicMessage, null);
    }

    public InvalidInputException(String publicMessage, Throwable cause) {
        super(400, publicMessage, cause);
    }
}
