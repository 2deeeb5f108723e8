package dev.sis.errors;

/** A request whose token is valid but not enough, or a route that is switched off (403). */
public final class ForbiddenException extends SisException {
    public ForbiddenException(String publicMessage) {
        super(403, publicMessage, null);
    }
}
