package dev.sis.storage;

import dev.sis.model.FileName;
import dev.sis.model.Md5;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where originals and their variants are kept: the local disk ({@code local.LocalImageStore}),
 * an upstream sis server in agent mode ({@code remote.RemoteImageStore}) or an S3 bucket
 * ({@code s3.S3ImageStore}); {@code ImageStoreContract} holds each to this contract.
 *
 * <p>Contract, for every implementation:
 * <ul>
 *   <li>Files are immutable once stored. A put is durable when it returns: an acknowledged
 *       upload survives a crash. A reader never sees a partial file.</li>
 *   <li>Puts take a {@link Blob} (bytes in memory, or a complete file from
 *       {@link #newStagingFile()}) and own it from then on: they close it before they return or
 *       throw, which removes a staged file that was not moved into place (the same file was
 *       already stored, the put was refused or failed). A staged file outside the store's own
 *       staging folder is refused and left alone. A blob whose known MD5 is not the original's
 *       is refused ({@link Blob#requireMd5}).</li>
 *   <li>All methods are thread-safe. {@link IOException} means the backend failed.</li>
 * </ul>
 */
public interface ImageStore {

    /**
     * A new empty temporary file where a caller spools an upload (or a variant received from an
     * agent) before a put, as a {@link Blob.Staged}: on the local disk, a file in the store's
     * file system that a put moves into place atomically.
     * The caller deletes it when it decides not to put it. Leftovers from a crash are removed
     * when the store opens.
     */
    Path newStagingFile() throws IOException;

    /**
     * Stores {@code blob} as the original {@code name} of {@code md5}.
     *
     * @return {@code true} if stored now, {@code false} if that MD5 and name were already stored
     *         (nothing is rewritten)
     */
    boolean putOriginal(Md5 md5, FileName name, Blob blob) throws IOException;

    /** The original stored under this MD5 and name. */
    Optional<StoredFile> original(Md5 md5, FileName name) throws IOException;

    /**
     * Whether any name is stored under this MD5. Asked on every cached read by MD5 alone, so
     * that a deleted image is not served from a cache: it must be cheap (a local {@code stat}; a
     * store across the network may answer from a short-lived memory of its own, and says how
     * stale that can be).
     */
    boolean exists(Md5 md5) throws IOException;

    /**
     * {@link #exists(Md5)} when it can be told without waiting on the network (a local
     * {@code stat}, a remembered yes still fresh), else empty: a store across the network says
     * empty unless it remembers. Lets a cached read be answered on the thread that parsed the
     * request, which must never wait on a round trip.
     */
    default Optional<Boolean> existsWithoutWaiting(Md5 md5) throws IOException {
        return Optional.empty();
    }

    /**
     * Whether the original {@code name} of {@code md5} is stored. Asked on every cached read by
     * MD5 and name, under the same rule as {@link #exists(Md5)}: cheap, and a store across the
     * network may answer a yes from a short-lived memory of its own.
     */
    default boolean exists(Md5 md5, FileName name) throws IOException {
        return original(md5, name).isPresent();
    }

    /** The names stored under this MD5, sorted; empty when there are none. */
    List<FileName> names(Md5 md5) throws IOException;

    /**
     * Stores a variant of {@code md5}, only while an original of {@code md5} is stored: a variant
     * whose original is missing (never stored, or deleted while the variant was being made) is
     * dropped. Against {@link #delete} of the same MD5 this is atomic (each store says how it
     * makes it so): once a delete has returned, no variant put racing it leaves a variant behind.
     * Otherwise the semantics of {@link #putOriginal}.
     *
     * @return {@code true} if stored now; {@code false} if nothing was written: that variant was
     *         already stored, its original is missing, or this store keeps no variants (an agent
     *         without the internal token, whose server would refuse them)
     */
    boolean putVariant(Md5 md5, VariantKey key, Blob blob) throws IOException;

    /** A stored variant of {@code md5}. */
    Optional<StoredFile> variant(Md5 md5, VariantKey key) throws IOException;

    /**
     * The original {@code name} of {@code md5}, found and opened for reading whole: a store across
     * the network overrides this to answer with one request where {@link #original} and
     * {@link StoredFile#open()} take two. Empty when there is none, or it was removed between the
     * two steps. The caller closes it.
     */
    default Optional<OpenedFile> openOriginal(Md5 md5, FileName name) throws IOException {
        return opened(original(md5, name));
    }

    /**
     * The original of {@code md5} under any of its names (the first of {@link #names}), opened
     * for reading whole; empty when there is none. A store that cannot list names (an agent
     * whose server speaks sis 2.0's routes only) overrides this.
     */
    default Optional<OpenedFile> openAnyOriginal(Md5 md5) throws IOException {
        List<FileName> names = names(md5);
        return names.isEmpty() ? Optional.empty() : openOriginal(md5, names.getFirst());
    }

    /** As {@link #openOriginal}, for a stored variant of {@code md5}. */
    default Optional<OpenedFile> openVariant(Md5 md5, VariantKey key) throws IOException {
        return opened(variant(md5, key));
    }

    private static Optional<OpenedFile> opened(Optional<StoredFile> found) throws IOException {
        if (found.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OpenedFile.of(found.get()));
        } catch (NoSuchFileException removed) { // since it was found
            return Optional.empty();
        }
    }

    /**
     * Removes one original name of {@code md5}, or all of them when {@code name} is null; the
     * variants go with the last name.
     *
     * @return whether anything was removed
     */
    boolean delete(Md5 md5, FileName name) throws IOException;

    /** Whether the store can serve requests now (for {@code /readyz}). */
    boolean isReady();

    /**
     * Whether the files are kept by an upstream sis server (agent mode): while it is away, this
     * process can still serve what it has cached (see {@code service.Readiness}).
     */
    default boolean keptUpstream() {
        return false;
    }

    /**
     * Whether a variant's put makes its caller wait for something its reader need not wait for
     * (a round trip to an upstream server, a disk flush): the service then stores the variant
     * after its answer, and finds it in memory until it has landed. Such a store must keep a
     * variant whole or not at all whenever it lands, as every put must.
     */
    default boolean variantPutsWait() {
        return keptUpstream();
    }

    /** Says where files are kept, for the start-up log. */
    String describe();
}
