package dev.sis.cache;

import dev.sis.image.EncodedImage;
import dev.sis.image.ImageFormat;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A cached image whose bytes live in native memory, outside the Java heap, so that a cache of
 * hundreds of MiB costs the heap only its index.
 *
 * <p>Lifetime: each entry has its own block of native memory ({@link NativeMemory}), freed when
 * the last holder lets go.
 * The cache holds one reference from {@link #copyOf} until it evicts, replaces or invalidates
 * the entry; a reader takes another ({@link #retain}) for as long as it uses the bytes (a cached
 * answer: until its write to the socket has completed) and gives it back ({@link #release}).
 * So an eviction never frees bytes a socket write still reads, and an entry found after it was
 * freed is refused by {@link #retain}, never read.
 *
 * <p>Why a block per entry rather than one slab: the sizes vary from a few hundred bytes to
 * megabytes, and a block per entry frees exactly what it took, so the budget counts real bytes.
 *
 * <p>Thread-safe.
 */
public final class OffHeapImage {
    private final MemorySegment bytes;
    private final ImageFormat format;
    private final AtomicLong allocated;
    /** Holders: the cache's one, plus one per reader. Zero means freed, forever. */
    private final AtomicInteger holders = new AtomicInteger(1);
    /**
     * What an answer derived from this entry once and reuses on every hit (the HTTP layer keeps
     * the entry's pre-encoded headers here); {@code null} until then. The cache never reads it.
     */
    private volatile Object answerMemo;

    private OffHeapImage(MemorySegment bytes, ImageFormat format, AtomicLong allocated) {
        this.bytes = bytes;
        this.format = format;
        this.allocated = allocated;
    }

    /**
     * Copies {@code image} into native memory, held once (by the caller, the cache).
     *
     * @param allocated the native bytes its cache has allocated and not freed; this adds its size
     */
    static OffHeapImage copyOf(EncodedImage image, AtomicLong allocated) {
        byte[] source = image.bytes();
        MemorySegment segment = NativeMemory.allocate(source.length);
        MemorySegment.copy(source, 0, segment, ValueLayout.JAVA_BYTE, 0, source.length);
        allocated.addAndGet(source.length);
        return new OffHeapImage(segment, image.format(), allocated);
    }

    /** Its size in bytes. */
    public long size() {
        return bytes.byteSize();
    }

    /** Its image format, or {@code null} for a non-image original. */
    public ImageFormat format() {
        return format;
    }

    /**
     * Takes a hold on the bytes, so that they stay until {@link #release}.
     *
     * @return false when they were already freed (the entry was evicted and no one held it): then
     *         there is nothing to release and the entry must be treated as a miss
     */
    public boolean retain() {
        int now;
        do {
            now = holders.get();
            if (now == 0) {
                return false;
            }
        } while (!holders.compareAndSet(now, now + 1));
        return true;
    }

    /** Gives back one hold; the last one frees the native memory. */
    public void release() {
        int left = holders.decrementAndGet();
        if (left == 0) {
            allocated.addAndGet(-bytes.byteSize());
            NativeMemory.free(bytes);
        } else if (left < 0) {
            throw new IllegalStateException("released more often than held");
        }
    }

    /** What {@link #rememberForAnswers} kept, or {@code null}. */
    public Object answerMemo() {
        return answerMemo;
    }

    /**
     * Keeps {@code memo} with this entry for later answers. Two answers racing may both make and
     * keep one: each must be complete and equal, so that either serves.
     */
    public void rememberForAnswers(Object memo) {
        answerMemo = memo;
    }

    /** Whether the native memory was freed (for tests). */
    boolean freed() {
        return holders.get() == 0;
    }

    /**
     * A read-only buffer over the bytes, for writing them to a socket without a copy to the heap.
     * Valid while held.
     */
    public ByteBuffer buffer() {
        return bytes.asByteBuffer().asReadOnlyBuffer();
    }

    /** A copy of the bytes on the heap. Call while held. */
    public byte[] toArray() {
        return bytes.toArray(ValueLayout.JAVA_BYTE);
    }

    /** A copy on the heap, as the cache's callers that decode or parse need it. Call while held. */
    public EncodedImage toHeap() {
        return new EncodedImage(toArray(), format);
    }
}
