package dev.sis.service;

import dev.sis.cache.CacheKey;
import dev.sis.cache.ImageCache;
import dev.sis.config.UploadLimits;
import dev.sis.errors.InvalidInputException;
import dev.sis.errors.UnsupportedImageException;
import dev.sis.image.EncodedImage;
import dev.sis.image.ImageInfo;
import dev.sis.image.ImageProbe;
import dev.sis.model.FileName;
import dev.sis.model.Md5;
import dev.sis.storage.Blob;
import dev.sis.storage.ImageStore;
import io.micrometer.core.instrument.Counter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One upload request, in two phases: {@link #add} spools and checks each file, then
 * {@link #commit} stores them all. A request is judged as a whole: if any file is refused,
 * none is stored — {@link #close()} removes whatever was spooled and not committed, and gives
 * back the memory the batch took from the {@link UploadMemory}. Not thread-safe: one request,
 * one batch.
 */
public final class UploadBatch implements AutoCloseable {
    /** Uploads up to this size that the cache could hold are kept in memory while spooled, if there is room. */
    private static final long KEEP_IN_MEMORY = 8L << 20;

    private final ImageStore store;
    private final ImageCache cache;
    private final UploadLimits limits;
    private final UploadMemory memory;
    private final List<Pending> pending = new ArrayList<>();
    private final Counter bytesStored;
    private boolean committed;
    private boolean buffersHeld;

    /** A checked file waiting for the commit; {@code blob} is its staged file, with its bytes when kept. */
    private record Pending(FileName name, Blob.Staged blob, Spooler.Spooled spooled, ImageInfo info, KeptBytes kept) {
    }

    /** @throws dev.sis.errors.OverloadedException when the upload memory cannot take this upload's buffers */
    UploadBatch(ImageStore store, ImageCache cache, UploadLimits limits, UploadMemory memory, Counter bytesStored) {
        this.store = store;
        this.cache = cache;
        this.limits = limits;
        this.memory = memory;
        this.bytesStored = bytesStored;
        memory.takeBuffers();
        this.buffersHeld = true;
    }

    /**
     * Checks a file's name, spools its content and checks what it is.
     *
     * @param clientName  the name as the client sent it; a directory part is dropped
     * @param content     the file's bytes; read to the end, not closed
     * @param expectedMd5 the MD5 the sender computed, or {@code null}; a mismatch is refused
     * @throws dev.sis.errors.InvalidNameException  for a bad name (checked before reading content)
     * @throws UnsupportedImageException for a file that is not a supported image (unless any file is accepted)
     * @throws InvalidInputException     when the content does not match {@code expectedMd5}
     */
    public void add(String clientName, InputStream content, Md5 expectedMd5) {
        if (committed) {
            throw new IllegalStateException("batch already committed");
        }
        FileName name = FileName.parse(FileName.lastSegment(clientName == null ? "" : clientName), limits.maxNameBytes());
        Blob.Staged staged = Blob.staged(newStagingFile());
        KeptBytes kept = keepUpTo() < 0 ? null : new KeptBytes(memory, keepUpTo());
        boolean added = false;
        try {
            Spooler.Spooled spooled = Spooler.spool(content, staged.path(), kept);
            if (expectedMd5 != null && !expectedMd5.equals(spooled.md5())) {
                throw new InvalidInputException("the content of " + name + " does not match the MD5 " + expectedMd5);
            }
            ImageInfo info = probe(staged.path(), spooled);
            pending.add(new Pending(name, Blob.staged(staged.path(), spooled.md5(), spooled.bytes()), spooled, info, kept));
            added = true;
        } catch (IOException e) {
            throw StoreFailures.translate("spooling an upload", e);
        } finally {
            // Whatever ended the spooling, an Error such as OutOfMemoryError included.
            if (!added) {
                staged.close();
                if (kept != null) {
                    kept.drop();
                }
            }
        }
    }

    private ImageInfo probe(Path staged, Spooler.Spooled spooled) throws IOException {
        if (spooled.sniffedFormat() == null) {
            if (limits.acceptAnyFile()) {
                return null;
            }
            throw new UnsupportedImageException("the file is not an image in a supported format (" + ImageProbe.SUPPORTED + ")");
        }
        try (InputStream in = spooled.bytes() != null
                ? new ByteArrayInputStream(spooled.bytes()) : Files.newInputStream(staged)) {
            return ImageProbe.probe(in, false);
        } catch (UnsupportedImageException e) {
            if (limits.acceptAnyFile()) {
                return null;
            }
            throw e;
        }
    }

    /** Stores every added file, durably, in order. */
    public List<StoredImage> commit() {
        if (committed) {
            throw new IllegalStateException("batch already committed");
        }
        committed = true;
        List<StoredImage> stored = new ArrayList<>(pending.size());
        try {
            for (Pending p : pending) {
                Md5 md5 = p.spooled().md5();
                byte[] cacheable = readForCache(p);
                boolean created = store.putOriginal(md5, p.name(), p.blob());
                if (created) {
                    bytesStored.increment(p.spooled().size());
                }
                if (cacheable != null) {
                    cache.put(CacheKey.original(md5.hex()), new EncodedImage(cacheable, p.info() == null ? null : p.info().format()));
                }
                stored.add(new StoredImage(p.name(), md5, p.spooled().size(), p.info(), created));
            }
        } catch (IOException e) {
            throw StoreFailures.translate("storing an upload", e);
        } finally {
            pending.forEach(p -> p.blob().close()); // those a failed put did not reach
        }
        return stored;
    }

    /**
     * Uploaded files go into the cache as they are stored, as in sis 2.0, if they can fit: from
     * memory when they were kept while spooled, else read back.
     */
    private byte[] readForCache(Pending p) throws IOException {
        if (cache.budget() <= 0 || p.spooled().size() + ImageCache.ENTRY_OVERHEAD > cache.budget()) {
            return null;
        }
        return p.spooled().bytes() != null ? p.spooled().bytes() : Files.readAllBytes(p.blob().path());
    }

    /** How much of an upload to keep in memory while spooling it: what the cache could take, 8 MiB at most. */
    private long keepUpTo() {
        long cacheable = cache.budget() - ImageCache.ENTRY_OVERHEAD;
        return cacheable <= 0 ? -1 : Math.min(cacheable, KEEP_IN_MEMORY);
    }

    private Path newStagingFile() {
        try {
            return store.newStagingFile();
        } catch (IOException e) {
            throw StoreFailures.translate("creating a staging file", e);
        }
    }

    /** Removes every spooled file that was not stored and gives back the memory held. Safe to call more than once. */
    @Override
    public void close() {
        for (Pending p : pending) {
            p.blob().close();
            if (p.kept() != null) {
                p.kept().drop();
            }
        }
        pending.clear();
        if (buffersHeld) {
            buffersHeld = false;
            memory.give(UploadMemory.BUFFERS_PER_UPLOAD);
        }
    }
}
