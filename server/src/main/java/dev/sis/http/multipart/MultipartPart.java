package dev.sis.http.multipart;

import java.io.InputStream;
import java.util.Objects;

/**
 * One part of a multipart/form-data body, as {@link MultipartReader#next()} returns it.
 *
 * @param fieldName   the {@code name} parameter of Content-Disposition; may be empty, never null
 * @param fileName    the file name exactly as sent ({@code filename*} wins over {@code filename}),
 *                    directories and all: validating it is the caller's job. {@code null} when
 *                    the part has no file name, {@code ""} when the client sent an empty one
 *                    (browsers do so for a file input left empty)
 * @param contentType the part's Content-Type header value, or {@code null} when absent
 * @param content     the part's bytes, streamed from the body; valid only until the next call
 *                    of {@link MultipartReader#next()}. Not thread-safe
 */
public record MultipartPart(String fieldName, String fileName, String contentType, InputStream content) {
    public MultipartPart {
        Objects.requireNonNull(fieldName, "fieldName");
        Objects.requireNonNull(content, "content");
    }

    /** Whether the client sent this part as a file (it has a file name, possibly empty). */
    public boolean isFile() {
        return fileName != null;
    }
}
