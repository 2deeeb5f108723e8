package dev.sis.storage;

import java.io.IOException;
import java.io.InputStream;

/** A stored file's bytes, readable whole or from an offset (for HTTP ranges). */
public interface StoredFile {

    /** Size in bytes. */
    long size();

    /**
     * Opens the bytes from {@code offset} for {@code length} bytes. The caller closes the stream.
     *
     * @throws java.nio.file.NoSuchFileException when the file was removed since it was found (a
     *                                           delete raced this read)
     */
    InputStream open(long offset, long length) throws IOException;

    /** Opens the whole file. The caller closes the stream. */
    default InputStream open() throws IOException {
        return open(0, size());
    }

    /** Reads the whole file into memory. Use only for files known to be small enough. */
    default byte[] readAll() throws IOException {
        try (InputStream in = open()) {
            return in.readAllBytes();
        }
    }
}
