package dev.sis.storage.local;

import dev.sis.storage.BoundedInputStream;
import dev.sis.storage.StoredFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** A file on the local disk. Stored files never change, so the size read at lookup stays true. */
record LocalStoredFile(Path path, long size) implements StoredFile {

    @Override
    public InputStream open(long offset, long length) throws IOException {
        if (offset < 0 || length < 0 || offset + length > size) {
            throw new IllegalArgumentException("range outside the file");
        }
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
        channel.position(offset);
        InputStream whole = Channels.newInputStream(channel);
        return length == size - offset ? whole : new BoundedInputStream(whole, length);
    }
}
