package dev.sis.http.multipart;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * One part's content, read through its {@link MultipartReader}. Closing it, or moving the
 * reader to the next part, makes further reads throw; the unread rest is skipped by
 * {@link MultipartReader#next()}, not by {@link #close()}, so closing never blocks.
 */
final class PartContentStream extends InputStream {
    private final MultipartReader reader;
    private boolean closed;

    PartContentStream(MultipartReader reader) {
        this.reader = reader;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        ensureOpen();
        return reader.readContent(b, off, len);
    }

    @Override
    public int available() throws IOException {
        ensureOpen();
        return reader.availableContent();
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
