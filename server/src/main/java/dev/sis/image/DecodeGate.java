package dev.sis.image;

import dev.sis.errors.OverloadedException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admits image work (decode, resize, encode) and runs it on the gate's own platform threads,
 * never on the virtual threads that answer requests. Thread-safe; close it to end its threads.
 *
 * <p>Design note: one line with three bounds. A request first takes a place in line
 * ({@link #join}) before it reads anything of the image: there are {@code maxConcurrent +
 * maxQueued} places, and beyond them a request is refused at once with 503 and a
 * {@code Retry-After}, so a burst costs no reading and no memory. Holding its place, a request
 * reads the image's header to learn how much memory the work will take, then waits for a slot
 * and that much of the memory budget ({@link Place#run}); at most {@code maxQueued} wait at once,
 * each at most {@code maxWait}. Admitted work runs on one of the gate's {@code maxConcurrent}
 * worker threads while the request's thread waits, unmounted: there are exactly as many workers
 * as slots, so admitted work never queues a second time, and however long the work runs, request
 * threads stay free for {@code /healthz}, cached reads and uploads.
 *
 * <p>Memory is counted in whole MiB permits of a fair semaphore: a large decode waits its turn
 * and is not starved by small ones. A decode estimated above the whole budget still runs, alone
 * (it takes every permit); the source-pixel budget is what refuses images that are too large.
 */
public final class DecodeGate implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DecodeGate.class);
    private static final int RETRY_AFTER_SECONDS = 1;
    private static final long MIB = 1L << 20;
    /** How long a closing gate waits for its workers: a stopped decode ends within a read or a tile. */
    private static final Duration WORKERS_ENDING = Duration.ofSeconds(10);

    private final Semaphore places;
    private final Semaphore slots;
    private final Semaphore memory;
    private final int memoryPermits;
    private final int maxQueued;
    private final Duration maxWait;
    private final ThreadPoolExecutor workers;
    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicInteger running = new AtomicInteger();
    private final LongAdder rejections = new LongAdder();

    public DecodeGate(int maxConcurrent, long memoryBudgetBytes, int maxQueued, Duration maxWait) {
        this.places = new Semaphore(maxConcurrent + maxQueued);
        this.slots = new Semaphore(maxConcurrent, true);
        this.memoryPermits = (int) Math.clamp(memoryBudgetBytes / MIB, 1, Integer.MAX_VALUE);
        this.memory = new Semaphore(memoryPermits, true);
        this.maxQueued = maxQueued;
        this.maxWait = maxWait;
        this.workers = new ThreadPoolExecutor(maxConcurrent, maxConcurrent, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), Thread.ofPlatform().name("sis-decode-", 1).daemon(true).factory());
        workers.allowCoreThreadTimeOut(true);
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

    /** A place in line; close it whatever happens (after {@link #run}, or instead of it). */
    public interface Place extends AutoCloseable {
        /**
         * Waits for a slot and {@code memoryBytes} of the memory budget, runs {@code work} on one
         * of the gate's worker threads and returns what it returns (or throws what it throws).
         * The slot and the memory are held until the work has ended, even if this thread stops
         * waiting for it (interrupted: then it throws {@link OverloadedException}).
         *
         * @throws OverloadedException when the queue is full, the wait is over, or the gate is closed
         */
        <T> T run(long memoryBytes, Supplier<T> work);

        @Override
        void close();
    }

    /**
     * Takes a place in line, before anything of the image is read.
     *
     * @throws OverloadedException when every place is taken (503)
     */
    public Place join() {
        if (!places.tryAcquire()) {
            throw overloaded();
        }
        return new Line();
    }

    /** Takes a slot for a decode whose memory is not known (counted as 1 MiB), on this thread. */
    public Permit enter() {
        return enter(MIB);
    }

    /**
     * Takes a place, a slot and {@code memoryBytes} of the memory budget for work this thread
     * does itself (a test or an embedding program may hold slots this way), waiting in the bounded
     * queue if either is short.
     *
     * @throws OverloadedException when the line or the queue is full or the wait is over
     */
    public Permit enter(long memoryBytes) {
        Place place = join();
        try {
            Permit admitted = ((Line) place).admit(memoryBytes);
            return () -> {
                admitted.close();
                place.close();
            };
        } catch (RuntimeException e) {
            place.close();
            throw e;
        }
    }

    private final class Line implements Place {
        private boolean closed;

        @Override
        public <T> T run(long memoryBytes, Supplier<T> work) {
            Permit permit = admit(memoryBytes);
            Future<T> result;
            try {
                result = workers.submit(() -> {
                    running.incrementAndGet();
                    try {
                        return work.get();
                    } finally {
                        running.decrementAndGet();
                        permit.close();
                    }
                });
            } catch (RejectedExecutionException closing) {
                permit.close();
                throw overloaded();
            }
            try {
                return result.get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                // The work goes on until its deadline and then frees its slot; this request stops waiting.
                Thread.currentThread().interrupt();
                throw overloaded();
            }
        }

        /** A slot and the memory, on the caller's behalf, waiting in the bounded queue if either is short. */
        Permit admit(long memoryBytes) {
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

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                places.release();
            }
        }
    }

    private Permit release(int permits) {
        return () -> {
            memory.release(permits);
            slots.release();
        };
    }

    /** Requests refused since start because the line or the queue was full or the wait ran out. */
    public long rejections() {
        return rejections.sum();
    }

    /** Requests waiting for a slot or memory now. */
    public int queued() {
        return waiting.get();
    }

    /** Pieces of work running on the gate's workers now. */
    public int running() {
        return running.get();
    }

    /** MiB of the memory budget not taken by running decodes now. */
    public int freeMemoryMiB() {
        return memory.availablePermits();
    }

    /**
     * Stops the workers: running work is interrupted (a decode stops at its next read or tile, as
     * at its deadline) and waited for, briefly; work not yet started is dropped. Idempotent.
     */
    @Override
    public void close() {
        workers.shutdownNow();
        try {
            if (!workers.awaitTermination(WORKERS_ENDING.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("image work still running {} s after the stop was asked for", WORKERS_ENDING.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private OverloadedException overloaded() {
        rejections.increment();
        return new OverloadedException("the server is busy making other images; retry shortly", RETRY_AFTER_SECONDS);
    }
}
