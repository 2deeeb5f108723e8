package dev.sis.migrate;

import dev.sis.cli.Sizes;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The counters of a migration and how they are shown: on a terminal, one bar redrawn in place
 * (files, bytes, rate, ETA); otherwise a plain line every {@code interval}, fit for a log.
 * Problems are printed as they happen, each on its own line. Thread-safe.
 */
final class Progress {
    private static final int BAR_WIDTH = 24;

    private final PrintStream out;
    private final boolean terminal;
    private final Duration interval;
    private final LongSupplier clock;
    private final AtomicLong totalFiles = new AtomicLong();
    private final AtomicLong totalBytes = new AtomicLong();
    private final AtomicLong copiedFiles = new AtomicLong();
    private final AtomicLong skippedFiles = new AtomicLong();
    private final AtomicLong failedFiles = new AtomicLong();
    private final AtomicLong doneBytes = new AtomicLong();
    private final AtomicLong copiedBytes = new AtomicLong();
    private final AtomicLong copiedAnalyses = new AtomicLong();
    private ScheduledExecutorService ticker;
    private volatile long startNanos;

    /**
     * @param out      where progress and problems go (stderr, usually)
     * @param terminal whether {@code out} is a terminal: a bar instead of lines
     * @param interval how often a line or the bar is written
     */
    Progress(PrintStream out, boolean terminal, Duration interval) {
        this(out, terminal, interval, System::nanoTime);
    }

    /** @param clock a monotonic clock in nanoseconds, for the rate, the ETA and {@link #elapsed()} */
    Progress(PrintStream out, boolean terminal, Duration interval, LongSupplier clock) {
        this.out = out;
        this.terminal = terminal;
        this.interval = interval;
        this.clock = clock;
    }

    void found(long bytes) {
        totalFiles.incrementAndGet();
        totalBytes.addAndGet(bytes);
    }

    void start() {
        startNanos = clock.getAsLong();
        ticker = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().factory());
        long every = Math.max(interval.toMillis(), 50);
        ticker.scheduleAtFixedRate(this::show, every, every, TimeUnit.MILLISECONDS);
    }

    void copied(long bytes) {
        copiedFiles.incrementAndGet();
        copiedBytes.addAndGet(bytes);
        doneBytes.addAndGet(bytes);
    }

    /** An analysis sidecar carried: not a file of the count (the bar and ETA are about originals). */
    void analysisCopied() {
        copiedAnalyses.incrementAndGet();
    }

    long copiedAnalyses() {
        return copiedAnalyses.get();
    }

    void skipped(long bytes) {
        skippedFiles.incrementAndGet();
        doneBytes.addAndGet(bytes);
    }

    synchronized void failed(String where, String reason) {
        failedFiles.incrementAndGet();
        if (terminal) {
            out.print("\r\033[K");
        }
        out.println("sis migrate: FAILED " + where + ": " + reason);
        out.flush();
    }

    /** Stops the ticker and shows the final state. */
    void finish() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
        show();
        if (terminal) {
            synchronized (this) {
                out.println();
            }
        }
    }

    long copiedFiles() {
        return copiedFiles.get();
    }

    long skippedFiles() {
        return skippedFiles.get();
    }

    long failedFiles() {
        return failedFiles.get();
    }

    long copiedBytes() {
        return copiedBytes.get();
    }

    long totalFiles() {
        return totalFiles.get();
    }

    Duration elapsed() {
        return Duration.ofNanos(clock.getAsLong() - startNanos);
    }

    private synchronized void show() {
        String line = line();
        if (terminal) {
            out.print("\r\033[K" + line);
        } else {
            out.println("sis migrate: " + line);
        }
        out.flush();
    }

    /** {@code [#####.....] 120/1000 files  45.2 MiB/300 MiB  12.3 MiB/s  ETA 0:21  (skipped 30, failed 1)}. */
    String line() {
        long files = copiedFiles.get() + skippedFiles.get() + failedFiles.get();
        long total = Math.max(totalFiles.get(), files);
        long bytes = doneBytes.get();
        long allBytes = Math.max(totalBytes.get(), bytes);
        double seconds = Math.max((clock.getAsLong() - startNanos) / 1e9, 1e-3);
        double rate = copiedBytes.get() / seconds;
        double fraction = allBytes > 0 ? (double) bytes / allBytes : total > 0 ? (double) files / total : 1;
        int filled = (int) Math.round(fraction * BAR_WIDTH);
        String eta = rate > 0 && fraction < 1 ? clockText((long) ((allBytes - bytes) / rate)) : fraction >= 1 ? "0:00" : "-";
        return String.format(Locale.ROOT, "[%s%s] %d/%d files  %s/%s  %s/s  ETA %s  (skipped %d, failed %d)",
                "#".repeat(filled), ".".repeat(BAR_WIDTH - filled), files, total, Sizes.approximate(bytes), Sizes.approximate(allBytes),
                Sizes.approximate((long) rate), eta, skippedFiles.get(), failedFiles.get());
    }

    private static String clockText(long seconds) {
        return seconds >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }
}
