package dev.sis.client;

/** The token is missing or wrong (401), or not enough: the admin token is needed, or the server's admin routes are off (403 for a delete or an upload). */
public final class UnauthorizedException extends SisClientException {
    public UnauthorizedException(String message, int status, String serverMessage) {
        super(message, status, serverMessage, null);
    }
}
