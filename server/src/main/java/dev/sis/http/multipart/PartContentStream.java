package dev.sis.http.multipart;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * One part's content, read straight from the shared body buffer. Closing it, or moving the
 * reader to the next part, makes further reads throw; the unread rest is skipped by
 * {@link MultipartReader#next()}, not by {@link #close()}, so closing never blocks.
 */
final class PartContentStream extends InputStream {
    private final BodyBuffer body;
    private boolean closed;

    PartContentStream(BodyBuffer body) {
        this.body = body;
    }

    @Override
    public int read() throws IOException {
        ensureOpen();
        return body.readContentByte();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        ensureOpen();
        return body.readContent(b, off, len);
    }

    @Override
    public int available() throws IOException {
        ensureOpen();
        return body.availableContent();
    }

    @Override
    public void close() {
        closed = true;
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("the part's content stream is closed (or the reader moved to the next part)");
        }
    }
}
