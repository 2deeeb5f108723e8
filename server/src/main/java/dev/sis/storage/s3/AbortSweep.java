package dev.sis.storage.s3;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Aborts, in the background, the multipart uploads whose abort failed while S3 was away (see
 * {@link ObjectUploader}): started with the store, stopped when it closes. Done here rather than
 * in a readiness check or a put, so that {@code /readyz} only looks and no request waits on a
 * clean-up. Each round tries a bounded number, so one round against a server that is still away
 * ends soon.
 */
final class AbortSweep implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AbortSweep.class);
    /** Often enough that an upload cut by an outage is gone soon after S3 is back. */
    static final Duration INTERVAL = Duration.ofSeconds(1);
    /** Aborts tried in one round at most. */
    static final int MAX_PER_ROUND = 100;

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("s3-abort-sweep").factory());

    private AbortSweep() {
    }

    /** Starts sweeping {@code uploader}'s failed aborts every {@link #INTERVAL}. */
    static AbortSweep start(ObjectUploader uploader) {
        AbortSweep sweep = new AbortSweep();
        sweep.timer.scheduleWithFixedDelay(() -> round(uploader), INTERVAL.toMillis(), INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
        return sweep;
    }

    private static void round(ObjectUploader uploader) {
        if (!uploader.hasUnaborted()) {
            return;
        }
        try {
            uploader.abortUnaborted(MAX_PER_ROUND);
        } catch (RuntimeException e) { // a thrown task would end the schedule: log it and go on
            LOG.warn("sweeping unaborted multipart uploads failed: {}", e.toString());
        }
    }

    /** Stops the sweep; a round under way is interrupted (what it has not aborted stays for a lifecycle rule). */
    @Override
    public void close() {
        timer.shutdownNow();
    }
}
