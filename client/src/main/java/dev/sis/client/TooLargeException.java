package dev.sis.client;

/** The upload (all files together), one file, or a file name is over the server's limits (413). */
public final class TooLargeException extends SisClientException {
    public TooLargeException(String message, int status, String serverMessage) {
        super(message, status, serverMessage, null);
    }
}
