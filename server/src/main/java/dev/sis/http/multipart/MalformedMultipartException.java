package dev.sis.http.multipart;

import java.io.IOException;

/**
 * The request body or its Content-Type is not valid multipart/form-data, or breaks a
 * {@link MultipartLimits limit}. The message says what is wrong without echoing the input,
 * so the HTTP layer may pass it on to the client as a 400 answer.
 *
 * <p>It extends {@link IOException} because it surfaces from stream reads: a part's content
 * stream throws it when the body ends before the closing delimiter.
 */
public class MalformedMultipartException extends IOException {
    public MalformedMultipartException(String message) {
        super(message);
    }
}
