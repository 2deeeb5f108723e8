package dev.sis.service;

import dev.sis.errors.SisException;
import dev.sis.model.Md5;
import dev.sis.storage.Blob;
import dev.sis.storage.ImageStore;
import dev.sis.storage.VariantKey;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the variants that were made in the store, so that no one makes them again.
 *
 * <p>Design note: where a put waits for something slow ({@link ImageStore#variantPutsWait}: an
 * agent's PUT to its server, the local disk's fsync), the write runs after the answer, on a
 * thread of its own, so that the readers of a new variant do not wait for it. Until it has
 * landed, the variant is found here ({@link #pending}), so that this node does not make it again
 * meanwhile, even without a memory cache. At most {@link #MAX_PENDING} writes and
 * {@link #MAX_PENDING_BYTES} wait like that (each holds its variant's bytes); past either, a
 * write runs before the answer again. S3 is written
 * before the answer. A failed write is only logged: keeping a variant saves work later, and
 * failing to (a full disk, an agent's server down) must not fail the read that made it; the
 * store leaves no partial file either way. Thread-safe.
 */
final class VariantWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(VariantWriter.class);
    /** Bounds the count of variants waiting to be written. */
    static final int MAX_PENDING = 64;
    /**
     * Bounds their bytes: 64 large variants (a 5000 px JPEG is several MB) would otherwise hold a
     * good part of a small heap while a slow disk or server takes them.
     */
    static final int MAX_PENDING_BYTES = 32 << 20;
    /** How long {@link #close()} waits for the writes under way. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

    private record Pending(Md5 md5, VariantKey key) {
    }

    private final ImageStore store;
    private final ExecutorService background;
    private final Semaphore slots = new Semaphore(MAX_PENDING);
    private final Semaphore pendingBytes;
    private final Map<Pending, byte[]> pending = new ConcurrentHashMap<>();

    VariantWriter(ImageStore store) {
        this(store, MAX_PENDING_BYTES);
    }

    /** With another bound on the bytes waiting, for tests. */
    VariantWriter(ImageStore store, int maxPendingBytes) {
        this.store = store;
        this.background = store.variantPutsWait() ? Executors.newVirtualThreadPerTaskExecutor() : null;
        this.pendingBytes = new Semaphore(maxPendingBytes);
    }

    /** Stores {@code bytes} as the variant {@code key} of {@code md5}, now or soon. */
    void write(Md5 md5, VariantKey key, byte[] bytes) {
        if (background != null && reserve(bytes.length)) {
            Pending write = new Pending(md5, key);
            pending.put(write, bytes);
            try {
                background.execute(() -> {
                    try {
                        writeNow(md5, key, bytes);
                    } finally {
                        done(write, bytes.length);
                    }
                });
                return;
            } catch (RejectedExecutionException closing) {
                done(write, bytes.length);
            }
        }
        writeNow(md5, key, bytes);
    }

    /** A place among the writes that wait, if one is free, for {@code length} more bytes. */
    private boolean reserve(int length) {
        if (!slots.tryAcquire()) {
            return false;
        }
        if (!pendingBytes.tryAcquire(length)) {
            slots.release();
            return false;
        }
        return true;
    }

    /** The bytes of a variant written after its answer and not yet in the store. */
    Optional<byte[]> pending(Md5 md5, VariantKey key) {
        return Optional.ofNullable(pending.get(new Pending(md5, key)));
    }

    /**
     * Waits until the writes under way have reached the store (or failed), at most {@code timeout}.
     *
     * @return whether none is left
     */
    synchronized boolean awaitWrites(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!pending.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    private void done(Pending write, int length) {
        pending.remove(write);
        pendingBytes.release(length);
        slots.release();
        synchronized (this) {
            notifyAll();
        }
    }

    private void writeNow(Md5 md5, VariantKey key, byte[] bytes) {
        try {
            StoreFailures.call("storing a variant", () -> store.putVariant(md5, key, Blob.of(bytes)));
        } catch (SisException notKept) {
            LOG.warn("variant {} of {} made but not stored: {}", key.id(), md5, notKept.getMessage());
        } catch (RuntimeException unexpected) {
            LOG.error("variant {} of {} made but not stored", key.id(), md5, unexpected);
        }
    }

    /** Lets the writes under way finish, within {@link #CLOSE_WAIT}; later ones run before their answer. */
    @Override
    public void close() {
        if (background == null) {
            return;
        }
        background.shutdown();
        try {
            if (!awaitWrites(CLOSE_WAIT)) {
                LOG.warn("variants still being stored at shutdown were dropped");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        background.shutdownNow();
    }
}
