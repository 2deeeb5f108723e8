package dev.sis.security;

import dev.sis.errors.OverloadedException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Admits image decodes by count and by memory: at most {@code maxConcurrent} at once, together
 * estimated to need at most {@code memoryBudgetBytes}, and at most {@code maxQueued} more
 * waiting. Anyone beyond that, or still waiting after {@code maxWait}, is refused with 503 and a
 * {@code Retry-After}, so that a burst of cold requests cannot pile up threads and memory.
 * Thread-safe.
 *
 * <p>Memory is counted in whole MiB permits of a fair semaphore: a large decode waits its turn
 * and is not starved by small ones. A decode estimated above the whole budget still runs, alone
 * (it takes every permit); the source-pixel budget is what refuses images that are too large.
 */
public final class DecodeGate {
    private static final int RETRY_AFTER_SECONDS = 1;
    private static final long MIB = 1L << 20;

    private final Semaphore slots;
    private final Semaphore memory;
    private final int memoryPermits;
    private final int maxQueued;
    private final Duration maxWait;
    private final AtomicInteger waiting = new AtomicInteger();
    private final LongAdder rejections = new LongAdder();

    public DecodeGate(int maxConcurrent, long memoryBudgetBytes, int maxQueued, Duration maxWait) {
        this.slots = new Semaphore(maxConcurrent, true);
        this.memoryPermits = (int) Math.clamp(memoryBudgetBytes / MIB, 1, Integer.MAX_VALUE);
        this.memory = new Semaphore(memoryPermits, true);
        this.maxQueued = maxQueued;
        this.maxWait = maxWait;
    }

    /** A gate by count only (no memory budget to speak of). */
    public DecodeGate(int maxConcurrent, int maxQueued, Duration maxWait) {
        this(maxConcurrent, Long.MAX_VALUE, maxQueued, maxWait);
    }

    /** A decode slot and its memory; close it when the decode is done. */
    public interface Permit extends AutoCloseable {
        @Override
        void close();
    }

    /** Takes a slot for a decode whose memory is not known (counted as 1 MiB). */
    public Permit enter() {
        return enter(MIB);
    }

    /**
     * Takes a slot and {@code memoryBytes} of the memory budget, waiting in the bounded queue if
     * either is short.
     *
     * @throws OverloadedException when the queue is full or the wait is over
     */
    public Permit enter(long memoryBytes) {
        int permits = (int) Math.clamp((memoryBytes + MIB - 1) / MIB, 1, memoryPermits);
        if (slots.tryAcquire()) {
            if (memory.tryAcquire(permits)) {
                return release(permits);
            }
            slots.release();
        }
        // Joins the queue only if there is room: the count never goes above maxQueued, even for
        // a moment (metrics and callers read it).
        if (waiting.getAndUpdate(n -> n < maxQueued ? n + 1 : n) >= maxQueued) {
            throw overloaded();
        }
        try {
            long end = System.nanoTime() + maxWait.toNanos();
            if (!slots.tryAcquire(maxWait.toNanos(), TimeUnit.NANOSECONDS)) {
                throw overloaded();
            }
            boolean admitted = false;
            try {
                admitted = memory.tryAcquire(permits, Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
            } finally {
                if (!admitted) {
                    slots.release();
                }
            }
            if (!admitted) {
                throw overloaded();
            }
            return release(permits);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw overloaded();
        } finally {
            waiting.decrementAndGet();
        }
    }

    private Permit release(int permits) {
        return () -> {
            memory.release(permits);
            slots.release();
        };
    }

    /** Requests refused since start because the queue was full or the wait ran out. */
    public long rejections() {
        return rejections.sum();
    }

    /** Requests waiting for a slot now. */
    public int queued() {
        return waiting.get();
    }

    /** MiB of the memory budget not taken by running decodes now. */
    public int freeMemoryMiB() {
        return memory.availablePermits();
    }

    private OverloadedException overloaded() {
        rejections.increment();
        return new OverloadedException("the server is busy making other images; retry shortly", RETRY_AFTER_SECONDS);
    }
}
