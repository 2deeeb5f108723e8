package dev.sis.client;

/**
 * Why a call to sis failed. Each subclass is one class of failure a caller may handle on its
 * own; {@link #status()} and {@link #serverMessage()} tell what the server said. The message
 * names the request and the server's reason, fit to show to a person.
 *
 * <p>Bad arguments (a malformed MD5, a variant out of range) are {@link IllegalArgumentException}s
 * thrown before anything is sent, and operations sis 2.0 lacks are
 * {@link UnsupportedOperationException}s; neither is a {@code SisClientException}.
 */
public abstract sealed class SisClientException extends RuntimeException
        permits ImageNotFoundException, TooLargeException, UnsupportedImageException, RefusedByBudgetException,
                UnauthorizedException, UpstreamFailureException, ServerErrorException, ConnectionFailedException {
    private final int status;
    private final String serverMessage;

    protected SisClientException(String message, int status, String serverMessage, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.serverMessage = serverMessage == null ? "" : serverMessage;
    }

    /** The HTTP status the server answered, or 0 when there was no answer. */
    public int status() {
        return status;
    }

    /**
     * The server's own words: the {@code error} of a /v1 JSON answer, the text of a legacy answer
     * (sis 2.0's are Chinese, like {@code 上传文件超出50M限制}); empty when it said nothing.
     */
    public String serverMessage() {
        return serverMessage;
    }
}
