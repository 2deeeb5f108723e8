package dev.sis.client;

/** No such image, or no such name of it (404). sis 2.0's download routes also answer 404 for a bad size or a file that is not an image. */
public final class ImageNotFoundException extends SisClientException {
    public ImageNotFoundException(String message, int status, String serverMessage) {
        super(message, status, serverMessage, null);
    }
}
