package dev.sis.errors;

/** The store could not keep or read a file (500). The cause is logged, never shown. */
public final class StoreFailedException extends SisException {
    public StoreFailedException(String publicMessage) {
        super(500, publicMessage, null);
    }

    public StoreFailedException(String publicMessage, Throwable cause) {
        super(500, publicMessage, cause);
    }
}
