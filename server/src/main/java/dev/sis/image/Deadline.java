package dev.sis.image;

import dev.sis.errors.OverBudgetException;
import java.time.Duration;

/**
 * When the work on one variant must be over. Checked between steps and frames, by the decoders'
 * input as they read it ({@link GuardedImageInputStream}, {@link AbortOnDeadline}) and by libvips'
 * progress signal and source reads ({@link LibVips}), so that no file — however crafted — keeps a
 * decode slot much longer than the limit. It also counts as passed once the thread that does the
 * work is interrupted (the server is stopping). Thread-safe: libvips may ask from its own threads.
 */
final class Deadline {
    private final long endNanos;
    private final Duration limit;
    private final Thread worker;

    private Deadline(long endNanos, Duration limit, Thread worker) {
        this.endNanos = endNanos;
        this.limit = limit;
        this.worker = worker;
    }

    /** A deadline {@code limit} from now for work done by the calling thread. */
    static Deadline after(Duration limit) {
        return new Deadline(System.nanoTime() + limit.toNanos(), limit, Thread.currentThread());
    }

    boolean passed() {
        return System.nanoTime() - endNanos >= 0 || worker.isInterrupted();
    }

    /** @throws OverBudgetException (422) when the deadline has passed */
    void check() {
        if (passed()) {
            throw exceeded();
        }
    }

    OverBudgetException exceeded() {
        return new OverBudgetException("the image could not be processed within this server's limit of "
                + limit.toMillis() + " ms");
    }
}
