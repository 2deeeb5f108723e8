package dev.sis.storage;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/**
 * A stored file found and opened for reading whole in one lookup ({@link ImageStore#openOriginal},
 * {@link ImageStore#openVariant}): where the store is across the network, one round trip where
 * a lookup and a read take two. The reader closes it, read to the end or not.
 *
 * @param file  the file as a lookup finds it (its size; ranges of it can be read again later)
 * @param bytes the whole file's bytes, already on their way; a store across the network checks
 *              them as they are read (size, and an original's MD5)
 */
public record OpenedFile(StoredFile file, InputStream bytes) implements Closeable {

    /** Looks up and opens in two steps: for stores where a lookup costs no round trip. */
    static OpenedFile of(StoredFile file) throws IOException {
        return new OpenedFile(file, file.open());
    }

    @Override
    public void close() throws IOException {
        bytes.close();
    }
}
