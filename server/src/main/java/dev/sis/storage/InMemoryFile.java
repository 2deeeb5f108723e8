package dev.sis.storage;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Objects;

/** File bytes already in memory (from the cache, or a variant just made). The array is never modified. */
public record InMemoryFile(byte[] bytes) implements StoredFile {
    public InMemoryFile {
        Objects.requireNonNull(bytes, "bytes");
    }

    @Override
    public long size() {
        return bytes.length;
    }

    @Override
    public InputStream open(long offset, long length) {
        if (offset < 0 || length < 0 || offset + length > bytes.length) {
            throw new IllegalArgumentException("range outside the file");
        }
        return new ByteArrayInputStream(bytes, (int) offset, (int) length);
    }

    @Override
    public byte[] readAll() {
        return bytes;
    }
}
