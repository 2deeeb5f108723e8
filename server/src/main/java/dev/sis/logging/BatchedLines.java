package dev.sis.logging;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Lines written without ever holding up the thread that offers them: a bounded queue and one
 * daemon thread that writes what has queued up every few milliseconds, in one write. A request
 * pays no system call for its line, and when the output blocks (a log collector that stops
 * reading, a slow disk) lines are dropped, then counted in a line of their own, instead of every
 * request waiting.
 *
 * <p>Logback's {@code AsyncAppender} also never blocks, but its worker hands each line to the
 * console one write at a time, and on two cores that cost more than it saved (measured in
 * docs/performance.md).
 */
public final class BatchedLines implements AutoCloseable {
    /** How long lines gather before a write: short enough for someone tailing the log. */
    private static final long BATCH_MILLIS = 10;

    /** Where a batch goes: one call per batch. */
    @FunctionalInterface
    public interface Output {
        void write(byte[] bytes, int length) throws IOException;
    }

    private final ArrayBlockingQueue<byte[]> queue;
    private final Output output;
    private final String whereDropped;
    private final AtomicLong dropped = new AtomicLong();
    private final Thread writer;
    private volatile boolean stopping;

    /**
     * @param threadName   the writer thread's name
     * @param queueSize    how many lines may wait before new ones are dropped
     * @param whereDropped says, in the drop note, what was not keeping up ("stderr was not being read")
     */
    public BatchedLines(String threadName, int queueSize, Output output, String whereDropped) {
        this.queue = new ArrayBlockingQueue<>(queueSize);
        this.output = output;
        this.whereDropped = whereDropped;
        this.writer = Thread.ofPlatform().daemon().name(threadName).start(this::writeLoop);
    }

    /** Queues one encoded line (with its line end), or counts it as dropped when the queue is full. */
    public void offer(byte[] line) {
        if (!queue.offer(line)) {
            dropped.incrementAndGet();
        }
    }

    /** Writes what is still queued, then stops the writer (waits up to 2 s). */
    @Override
    public void close() {
        stopping = true;
        writer.interrupt();
        try {
            writer.join(TimeUnit.SECONDS.toMillis(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void writeLoop() {
        List<byte[]> batch = new ArrayList<>();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
        while (!stopping || !queue.isEmpty()) {
            try {
                batch.add(queue.take());
                Thread.sleep(BATCH_MILLIS);
            } catch (InterruptedException stop) {
                // close(): write what is queued, then end.
            }
            queue.drainTo(batch);
            write(batch, bytes);
        }
    }

    private void write(List<byte[]> batch, ByteArrayOutputStream bytes) {
        if (batch.isEmpty() && dropped.get() == 0) {
            return;
        }
        bytes.reset();
        for (byte[] line : batch) {
            bytes.writeBytes(line);
        }
        batch.clear();
        long lost = dropped.getAndSet(0);
        if (lost > 0) {
            bytes.writeBytes(("sis: " + lost + " log lines dropped: " + whereDropped + "\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        try {
            output.write(bytes.toByteArray(), bytes.size());
        } catch (IOException | RuntimeException e) {
            // Nowhere better to say it than stderr: the output is the log itself.
            System.err.println("sis: cannot write log lines: " + e);
        }
    }
}
