package dev.sis.errors;

/**
 * A failure with a meaning for the client: each subclass carries the HTTP status it maps to
 * and a public message that names the offending input. Messages never contain paths, class
 * names or stack traces. The HTTP adapters turn these into answers in one place
 * ({@code dev.sis.http.ErrorAnswers}).
 */
public abstract sealed class SisException extends RuntimeException
        permits InvalidInputException, InvalidNameException, NotFoundException, TooLargeException,
                UnsupportedImageException, OverBudgetException, OverloadedException,
                StoreFailedException, OutOfSpaceException, UpstreamException, UnauthorizedException,
                ForbiddenException, RequestTimeoutException {

    private final int status;

    protected SisException(int status, String publicMessage, Throwable cause) {
        super(publicMessage, cause, false, false);
        this.status = status;
    }

    /** The HTTP status this failure maps to. */
    public int status() {
        return status;
    }

    /** What the client is told. */
    public String publicMessage() {
        return getMessage();
    }
}
