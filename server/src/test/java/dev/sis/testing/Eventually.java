package dev.sis.testing;

import java.time.Duration;

/**
 * Waits for something another thread or process makes true, by asking again and again: the
 * tests' one polling loop, instead of a deadline, a sleep and an assertion written out each time.
 */
public final class Eventually {
    private static final long POLL_MILLIS = 10;

    private Eventually() {
    }

    /** What is awaited; it may throw (an I/O error, a failed assertion), which ends the wait. */
    @FunctionalInterface
    public interface Condition {
        boolean holds() throws Exception;
    }

    /**
     * Returns once {@code condition} holds; fails naming {@code what} when it still does not
     * after {@code within}.
     */
    public static void await(Duration within, String what, Condition condition) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError(what + ": not within " + within.toSeconds() + " s");
            }
            Thread.sleep(POLL_MILLIS);
        }
    }
}
