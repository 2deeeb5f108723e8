package dev.sis.service;

import java.util.ArrayList;
import java.util.List;

/**
 * The bytes of one upload kept in memory while it is spooled, so that caching the file needs no
 * second read. They are taken from the {@link UploadMemory} chunk by chunk as they arrive, so
 * what is held is what was received, not a doubling buffer's capacity; they are dropped, and
 * given back, as soon as the file grows past its limit or the budget has no room. The owner
 * gives back what is held at the end with {@link #drop()}. Not thread-safe.
 */
final class KeptBytes {
    private static final int CHUNK = 64 * 1024;

    private final UploadMemory memory;
    private final long limit;
    private final List<byte[]> chunks = new ArrayList<>();
    private int lastChunkUsed = CHUNK;
    private long size;
    private long held;
    private boolean dropped;
    private byte[] whole;

    /** @param limit the largest file to keep; a larger one is dropped */
    KeptBytes(UploadMemory memory, long limit) {
        this.memory = memory;
        this.limit = limit;
    }

    void append(byte[] bytes, int offset, int length) {
        if (dropped) {
            return;
        }
        if (size + length > limit) {
            drop();
            return;
        }
        while (length > 0) {
            if (lastChunkUsed == CHUNK) {
                if (!memory.tryTakeForCopy(CHUNK)) {
                    drop();
                    return;
                }
                held += CHUNK;
                chunks.add(new byte[CHUNK]);
                lastChunkUsed = 0;
            }
            int n = Math.min(length, CHUNK - lastChunkUsed);
            System.arraycopy(bytes, offset, chunks.getLast(), lastChunkUsed, n);
            lastChunkUsed += n;
            offset += n;
            length -= n;
            size += n;
        }
    }

    /**
     * All the bytes as one array, or {@code null} when they were dropped (or the budget has no
     * room for the array while the chunks are copied into it).
     */
    byte[] finish() {
        if (dropped) {
            return null;
        }
        if (whole == null) {
            if (!memory.tryTakeForCopy(size)) {
                drop();
                return null;
            }
            held += size;
            whole = new byte[(int) size];
            int at = 0;
            for (byte[] chunk : chunks) {
                int n = (int) Math.min(CHUNK, size - at);
                System.arraycopy(chunk, 0, whole, at, n);
                at += n;
            }
            chunks.clear();
            long chunkBytes = held - size;
            memory.give(chunkBytes);
            held = size;
        }
        return whole;
    }

    /** Lets go of every byte kept, and gives them back. */
    void drop() {
        dropped = true;
        chunks.clear();
        whole = null;
        memory.give(held);
        held = 0;
    }
}
