package dev.sis.errors;

/** The client sent its request too slowly (408); the connection is closed after the answer. */
public final class RequestTimeoutException extends SisException {
    public RequestTimeoutException(String publicMessage) {
        super(408, publicMessage, null);
    }
}
