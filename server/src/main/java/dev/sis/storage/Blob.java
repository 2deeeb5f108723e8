package dev.sis.storage;

import dev.sis.model.Md5;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a put stores: bytes already in memory ({@link Bytes}), or a complete file staged on disk
 * ({@link Staged}), with the MD5 of the bytes when whoever made the blob knows it.
 *
 * <p>A put owns the blob it is given: it {@link #close() closes} it before it returns or throws,
 * whatever happened (stored, already stored, dropped, refused, failed). Closing is what removes a
 * staged file that was not moved into place, and it happens only here, so no store and no caller
 * deletes a staged file of its own. Until the put, the one who made the blob owns it, and closes
 * it when it decides not to put it.
 */
public sealed interface Blob extends AutoCloseable permits Blob.Bytes, Blob.Staged {

    /** Bytes in memory (a variant just made). The array is never modified. */
    static Bytes of(byte[] bytes) {
        return new Bytes(bytes, null);
    }

    /**
     * A complete file staged on disk, handed over: it is removed when the blob is closed.
     *
     * @param md5    the MD5 of its bytes when known, else null
     * @param inMemory the same bytes when they are in memory too (a small upload kept while it
     *                 was spooled), so that a store across the network sends them without reading
     *                 the file back; else null
     */
    static Staged staged(Path file, Md5 md5, byte[] inMemory) {
        return new Staged(file, md5, inMemory);
    }

    /** A staged file whose MD5 is not known. */
    static Staged staged(Path file) {
        return new Staged(file, null, null);
    }

    /** The MD5 of the bytes when whoever made the blob knows it (an upload's, hashed as it was spooled), else null. */
    Md5 knownMd5();

    /** The bytes when they are in memory, else null (read them with {@link #open()}). */
    byte[] inMemory();

    long size() throws IOException;

    /** Opens the bytes from the start; the caller closes the stream. */
    InputStream open() throws IOException;

    /**
     * Refuses a blob that is said to be other bytes than the original of {@code md5}: nothing is
     * stored under a key the bytes are known not to have. The bytes themselves are checked where
     * they are sent (an S3 server checks them against Content-MD5, an agent's server hashes them).
     *
     * @throws IllegalArgumentException when the known MD5 is not {@code md5}
     */
    default void requireMd5(Md5 md5) {
        if (knownMd5() != null && !knownMd5().equals(md5)) {
            throw new IllegalArgumentException("the bytes are known to have the MD5 " + knownMd5()
                    + ", not the " + md5 + " they were to be stored under");
        }
    }

    /** Gives the blob up: a staged file still there is removed. Safe to call more than once; never fails. */
    @Override
    void close();

    /** Bytes in memory, with their MD5 when known. */
    record Bytes(byte[] bytes, Md5 knownMd5) implements Blob {
        public Bytes {
            Objects.requireNonNull(bytes, "bytes");
        }

        @Override
        public byte[] inMemory() {
            return bytes;
        }

        @Override
        public long size() {
            return bytes.length;
        }

        @Override
        public InputStream open() {
            return new ByteArrayInputStream(bytes);
        }

        /** Nothing to give back: the array goes with its last reference. */
        @Override
        public void close() {
        }
    }

    /**
     * A complete file in a store's staging folder (see {@link ImageStore#newStagingFile()}), which
     * the put takes over: moved into place, or sent and removed.
     */
    record Staged(Path path, Md5 knownMd5, byte[] inMemory) implements Blob {
        private static final Logger LOG = LoggerFactory.getLogger(Staged.class);

        public Staged {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public long size() throws IOException {
            return inMemory != null ? inMemory.length : Files.size(path);
        }

        @Override
        public InputStream open() throws IOException {
            return inMemory != null ? new ByteArrayInputStream(inMemory) : Files.newInputStream(path);
        }

        /**
         * Refuses a file outside {@code folder}, before the put takes it over: a put removes what it
         * is given, and a file elsewhere (a caller's mistake) is not the store's to remove.
         *
         * @throws IllegalArgumentException when the file is not in {@code folder}
         */
        public void requireIn(Path folder) {
            if (!path.toAbsolutePath().normalize().startsWith(folder)) {
                throw new IllegalArgumentException("not a staging file of this store");
            }
        }

        /** The one place a staged file that was not moved into place is removed. */
        @Override
        public void close() {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                // A leftover in a staging or spool folder is removed when its store next opens.
                LOG.warn("could not remove the staged file {}: {}", path, e.toString());
            }
        }
    }
}
