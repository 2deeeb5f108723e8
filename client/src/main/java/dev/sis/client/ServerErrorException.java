package dev.sis.client;

/** Any other error answer: a request the server found malformed (400), a store failure (500), a full store (507)… */
public final class ServerErrorException extends SisClientException {
    public ServerErrorException(String message, int status, String serverMessage) {
        super(message, status, serverMessage, null);
    }
}
