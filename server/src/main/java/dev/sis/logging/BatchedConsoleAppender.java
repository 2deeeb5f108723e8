package dev.sis.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.encoder.Encoder;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes log lines to stderr without ever holding up the thread that logs them: for the access
 * log, one line per request. The caller encodes its line and queues it (bounded); one daemon
 * thread writes what has queued up every few milliseconds, in one write. So a request pays no
 * system call for its line, and when stderr blocks (a log collector that stops reading) lines
 * are dropped, and later counted in a line of their own, instead of every request waiting.
 *
 * <p>Logback's {@code AsyncAppender} also never blocks, but its worker hands each line to the
 * console one write at a time, and on two cores that cost more than it saved (measured in
 * docs/performance.md). Configured in {@code sis-logback.xml}; {@link #stop()} writes what is
 * still queued.
 */
public final class BatchedConsoleAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
    /** How long lines gather before a write: short enough for someone tailing the log. */
    private static final long BATCH_MILLIS = 10;

    private Encoder<ILoggingEvent> encoder;
    private int queueSize = 8192;
    private ArrayBlockingQueue<byte[]> queue;
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean stopping;
    private Thread writer;

    public void setEncoder(Encoder<ILoggingEvent> encoder) {
        this.encoder = encoder;
    }

    /** How many lines may wait for stderr before new ones are dropped. */
    public void setQueueSize(int queueSize) {
        this.queueSize = queueSize;
    }

    @Override
    public void start() {
        if (encoder == null) {
            addError("no encoder for appender " + name);
            return;
        }
        queue = new ArrayBlockingQueue<>(queueSize);
        stopping = false;
        writer = Thread.ofPlatform().daemon().name("sis-log-writer").start(this::writeLoop);
        super.start();
    }

    @Override
    protected void append(ILoggingEvent event) {
        if (!queue.offer(encoder.encode(event))) {
            dropped.incrementAndGet();
        }
    }

    @Override
    public void stop() {
        if (!isStarted()) {
            return;
        }
        super.stop();
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
                // stop(): write what is queued, then end.
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
            bytes.writeBytes(("sis: " + lost + " log lines dropped: stderr was not being read\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        // Through System.err, whose lock keeps a batch whole among other appenders' lines.
        System.err.write(bytes.toByteArray(), 0, bytes.size());
        System.err.flush();
    }
}
