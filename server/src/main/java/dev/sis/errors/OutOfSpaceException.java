package dev.sis.errors;

/** The store is out of space (507). */
public final class OutOfSpaceException extends SisException {
    public OutOfSpaceException(String publicMessage) {
        super(507, publicMessage, null);
    }

    public OutOfSpaceException(String publicMessage, Throwable cause) {
        super(507, publicMessage, cause);
    }
}
