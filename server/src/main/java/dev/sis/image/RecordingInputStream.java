package dev.sis.image;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * An input stream that keeps a copy of what is read through it, until told to stop: the native
 * engine plans a variant by reading the head of a file through the pure-Java engine's header
 * reader, and must still have those bytes when it later reads the rest. Not thread-safe.
 */
final class RecordingInputStream extends FilterInputStream {
    private ByteArrayOutputStream recorded = new ByteArrayOutputStream();

    RecordingInputStream(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0 && recorded != null) {
            recorded.write(b);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0 && recorded != null) {
            recorded.write(buffer, offset, n);
        }
        return n;
    }

    /** Skipped bytes are read, so that they are recorded too. */
    @Override
    public long skip(long n) throws IOException {
        byte[] sink = new byte[(int) Math.min(n, 8192)];
        int got = read(sink, 0, sink.length);
        return Math.max(got, 0);
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /** What has been read so far; recording stops, and what is read from now on is not kept. */
    byte[] stopRecording() {
        byte[] head = recorded.toByteArray();
        recorded = null;
        return head;
    }
}
