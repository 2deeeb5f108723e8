package dev.sis.client;

import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A {@code multipart/form-data} request body of file parts, as a sequence of publishers: the
 * parts' contents are streamed from their sources, so a large file is never loaded into memory.
 * When every source has a known length (files, byte arrays) the body has a Content-Length, which
 * lets the server refuse an oversized request before it is sent.
 */
final class MultipartBody {
    /** The field name of every file part; any name works on both APIs, {@code file} is the usual one. */
    static final String FIELD = "file";
    private final String boundary = "sis-client-" + UUID.randomUUID();
    private final BodyPublisher publisher;

    MultipartBody(List<Upload> uploads) {
        List<BodyPublisher> pieces = new ArrayList<>();
        for (Upload upload : uploads) {
            pieces.add(text("--" + boundary + "\r\n"
                    + "Content-Disposition: form-data; name=\"" + FIELD + "\"; " + fileNameParameter(upload.name()) + "\r\n"
                    + "Content-Type: application/octet-stream\r\n\r\n"));
            pieces.add(upload.publisher());
            pieces.add(text("\r\n"));
        }
        pieces.add(text("--" + boundary + "--\r\n"));
        this.publisher = BodyPublishers.concat(pieces.toArray(BodyPublisher[]::new));
    }

    String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    BodyPublisher publisher() {
        return publisher;
    }

    /**
     * {@code filename="…"} with the name's UTF-8 bytes as browsers send it (sis 2.0 reads that);
     * a name with a quote or backslash, which a quoted string cannot carry plainly, goes as
     * RFC 5987 {@code filename*=UTF-8''…} instead.
     */
    static String fileNameParameter(String name) {
        if (name.indexOf('"') < 0 && name.indexOf('\\') < 0) {
            return "filename=\"" + name + "\"";
        }
        return "filename*=UTF-8''" + UrlSignature.encode(name);
    }

    private static BodyPublisher text(String text) {
        return BodyPublishers.ofByteArray(text.getBytes(StandardCharsets.UTF_8));
    }
}
