package dev.sis.errors;

/** A request that needs a token and has none, or a wrong one (401). */
public final class UnauthorizedException extends SisException {
    public UnauthorizedException(String publicMessage) {
        super(401, publicMessage, null);
    }
}
