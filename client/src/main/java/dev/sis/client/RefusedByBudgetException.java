package dev.sis.client;

import java.time.Duration;
import java.util.Optional;

/**
 * The server would not do this work: the image or the variant is over a pixel, frame or time
 * budget (422), the server is busy and asks to retry later (503 with {@code Retry-After}), or
 * it makes only some variants (403 for a variant: a size outside its {@code --sizes}, or a
 * signature that is missing or wrong).
 */
public final class RefusedByBudgetException extends SisClientException {
    /** Which refusal it is. */
    public enum Reason {
        /** 422: over the source-pixel, output-pixel, animation or time budget. */
        OVER_BUDGET,
        /** 503 with Retry-After: too much image work queued; retry after {@link #retryAfter()}. */
        BUSY,
        /** 403 for a variant: a size the server does not make, or a missing or wrong signature. */
        NOT_ALLOWED
    }

    private final Reason reason;
    private final Duration retryAfter;

    public RefusedByBudgetException(String message, int status, String serverMessage, Reason reason, Duration retryAfter) {
        super(message, status, serverMessage, null);
        this.reason = reason;
        this.retryAfter = retryAfter;
    }

    public Reason reason() {
        return reason;
    }

    /** How long the server asked to wait before a retry ({@link Reason#BUSY} only). */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
