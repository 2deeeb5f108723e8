package dev.sis.security;

import dev.sis.errors.OverloadedException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Admits image decodes: at most {@code maxConcurrent} at once, at most {@code maxQueued} more
 * waiting. Anyone beyond that is refused at once with 503 and a {@code Retry-After}, so that a
 * burst of cold requests cannot pile up threads and memory. Thread-safe.
 */
public final class DecodeGate {
    private static final int RETRY_AFTER_SECONDS = 1;

    private final Semaphore slots;
    private final int maxQueued;
    private final Duration maxWait;
    private final AtomicInteger waiting = new AtomicInteger();
    private final LongAdder rejections = new LongAdder();

    public DecodeGate(int maxConcurrent, int maxQueued, Duration maxWait) {
        this.slots = new Semaphore(maxConcurrent, true);
        this.maxQueued = maxQueued;
        this.maxWait = maxWait;
    }

    /** A decode slot; close it when the decode is done. */
    public interface Permit extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Takes a slot, waiting in the bounded queue if all are busy.
     *
     * @throws OverloadedException when the queue is full or the wait is over
     */
    public Permit enter() {
        if (!slots.tryAcquire()) {
            if (waiting.incrementAndGet() > maxQueued) {
                waiting.decrementAndGet();
                throw overloaded();
            }
            try {
                if (!slots.tryAcquire(maxWait.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw overloaded();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw overloaded();
            } finally {
                waiting.decrementAndGet();
            }
        }
        return slots::release;
    }

    /** Requests refused since start because the queue was full or the wait ran out. */
    public long rejections() {
        return rejections.sum();
    }

    /** Requests waiting for a slot now. */
    public int queued() {
        return waiting.get();
    }

    private OverloadedException overloaded() {
        rejections.increment();
        return new OverloadedException("the server is busy making other images; retry shortly", RETRY_AFTER_SECONDS);
    }
}
