package dev.sis.client;

/** A file is not an image in a format the server accepts (415; in legacy mode, {@code /up}'s 400, which this sis answers for a file that is not an image). */
public final class UnsupportedImageException extends SisClientException {
    public UnsupportedImageException(String message, int status, String serverMessage) {
        super(message, status, serverMessage, null);
    }
}
