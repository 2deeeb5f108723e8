package dev.sis.client;

/** The server is an agent and its upstream server (or S3) failed: it answered badly (502), could not be reached (503 without {@code Retry-After}) or did not answer in time (504). The request may succeed later. */
public final class UpstreamFailureException extends SisClientException {
    public UpstreamFailureException(String message, int status, String serverMessage) {
        super(message, status, serverMessage, null);
    }
}
