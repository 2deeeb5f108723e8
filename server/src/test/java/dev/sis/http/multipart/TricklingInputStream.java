package dev.sis.http.multipart;

import java.io.ByteArrayInputStream;
import java.util.Random;

/** Hands out 1 to 7 bytes per read, so delimiters land split across the reader's refills. */
final class TricklingInputStream extends ByteArrayInputStream {
    private final Random random;

    TricklingInputStream(byte[] bytes, long seed) {
        super(bytes);
        this.random = new Random(seed);
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, 1 + random.nextInt(7)));
    }
}
