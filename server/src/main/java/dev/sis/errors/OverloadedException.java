package dev.sis.errors;

/** Too much image work is queued already (503); the client may retry after {@link #retryAfterSeconds()}. */
public final class OverloadedException extends SisException {
    private final int retryAfterSeconds;

    public OverloadedException(String publicMessage, int retryAfterSeconds) {
        super(503, publicMessage, null);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
