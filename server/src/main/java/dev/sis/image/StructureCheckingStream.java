package dev.sis.image;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * An input stream that feeds every byte read through it to a {@link StructureCheck}, so that the
 * check sees the whole file, in order, whoever reads it and however far (a decoder's input stream
 * may drop what it has read, so the check cannot read the file again). Not thread-safe.
 */
final class StructureCheckingStream extends FilterInputStream {
    private final StructureCheck check;

    StructureCheckingStream(InputStream in, StructureCheck check) {
        super(in);
        this.check = check;
    }

    StructureCheck check() {
        return check;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            check.feed(new byte[] {(byte) b}, 0, 1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            check.feed(buffer, offset, n);
        }
        return n;
    }

    /** Skipped bytes are read, so that the check sees them too. */
    @Override
    public long skip(long n) throws IOException {
        byte[] sink = new byte[(int) Math.min(n, 8192)];
        return Math.max(read(sink, 0, sink.length), 0);
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
