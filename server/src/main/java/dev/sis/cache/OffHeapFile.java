package dev.sis.cache;

import dev.sis.storage.StoredFile;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Objects;

/**
 * A cached entry served as a file, held by whoever answers with it: that one writes
 * {@link OffHeapImage#buffer} to the socket and then {@link #release}s it.
 *
 * @param image the entry, held once for this answer
 */
public record OffHeapFile(OffHeapImage image) implements StoredFile {
    public OffHeapFile {
        Objects.requireNonNull(image, "image");
    }

    @Override
    public long size() {
        return image.size();
    }

    /** A copy of the range on the heap; the hot path writes {@link OffHeapImage#buffer} instead. */
    @Override
    public InputStream open(long offset, long length) {
        if (offset < 0 || length < 0 || offset + length > size()) {
            throw new IllegalArgumentException("range outside the file");
        }
        return new ByteArrayInputStream(image.toArray(), (int) offset, (int) length);
    }

    /** Gives back this answer's hold on the entry. */
    public void release() {
        image.release();
    }
}
