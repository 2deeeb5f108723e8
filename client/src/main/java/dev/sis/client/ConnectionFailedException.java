package dev.sis.client;

/**
 * No answer from the server: it could not be reached, the connection broke, or it did not answer
 * within the client's request timeout. {@link #status()} is 0; the message names the URL.
 */
public final class ConnectionFailedException extends SisClientException {
    public ConnectionFailedException(String message, Throwable cause) {
        super(message, 0, "", cause);
    }
}
