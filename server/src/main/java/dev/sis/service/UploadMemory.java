package dev.sis.service;

import dev.sis.errors.OverloadedException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one bound on the memory that uploads in flight hold, all together: each upload's working
 * buffers while it runs ({@link #BUFFERS_PER_UPLOAD}), and the copies of small files kept for
 * the cache ({@link KeptBytes}). A copy that finds no room is not made (its file is read back
 * from disk when it is cached); an upload that cannot get even its buffers is refused with 503,
 * so that slow or stalled uploads, however many, cannot exhaust the heap. Copies may fill half
 * the budget at most: the other half is always there for buffers, so that the copies of a few
 * slow uploads never shut new uploads out. Thread-safe.
 */
public final class UploadMemory {
    /** An upload's buffers: the spooler's and the multipart reader's, 64 KiB each. */
    static final long BUFFERS_PER_UPLOAD = 128 * 1024;

    private final long budget;
    private final AtomicLong held = new AtomicLong();
    private final Counter refused;

    /** @param meters where the bytes held and the uploads refused are recorded */
    UploadMemory(long budget, MeterRegistry meters) {
        this.budget = budget;
        Gauge.builder("sis.upload.memory", this, UploadMemory::held).baseUnit("bytes")
                .description("memory held by uploads in flight: their buffers and the copies kept for the cache")
                .register(meters);
        Gauge.builder("sis.upload.memory.budget", this, UploadMemory::budget).baseUnit("bytes")
                .description("the memory uploads in flight may hold together").register(meters);
        this.refused = Counter.builder("sis.upload.rejections")
                .description("uploads refused with 503 because the upload memory was full").register(meters);
    }

    /** Takes an upload's buffers, or refuses the upload: 503, retry in a second. */
    void takeBuffers() {
        if (!tryTake(BUFFERS_PER_UPLOAD, budget)) {
            refused.increment();
            throw new OverloadedException("too many uploads at once: retry in a moment", 1);
        }
    }

    /** Takes {@code bytes} for a copy kept for the cache if that leaves half the budget free; else takes nothing. */
    boolean tryTakeForCopy(long bytes) {
        return tryTake(bytes, budget / 2);
    }

    private boolean tryTake(long bytes, long ceiling) {
        long now;
        do {
            now = held.get();
            if (now + bytes > ceiling) {
                return false;
            }
        } while (!held.compareAndSet(now, now + bytes));
        return true;
    }

    /** Gives back bytes taken earlier. */
    void give(long bytes) {
        held.addAndGet(-bytes);
    }

    public long held() {
        return held.get();
    }

    public long budget() {
        return budget;
    }
}
