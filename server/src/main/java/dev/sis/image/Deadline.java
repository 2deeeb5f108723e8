package dev.sis.image;

import dev.sis.errors.OverBudgetException;
import java.time.Duration;

/**
 * When the work on one variant must be over. Checked between steps and frames, and by the
 * decoders while they read ({@link AbortOnDeadline}), so that no file — however crafted —
 * keeps a decode slot longer than the limit. Thread-safe (immutable).
 */
final class Deadline {
    private final long endNanos;
    private final Duration limit;

    private Deadline(long endNanos, Duration limit) {
        this.endNanos = endNanos;
        this.limit = limit;
    }

    static Deadline after(Duration limit) {
        return new Deadline(System.nanoTime() + limit.toNanos(), limit);
    }

    boolean passed() {
        return System.nanoTime() - endNanos >= 0;
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
