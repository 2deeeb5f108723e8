package dev.sis.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.encoder.Encoder;

/**
 * A Logback appender that writes to stderr through {@link BatchedLines}: the thread that logs
 * never waits for stderr (for the access log, one line per request). Configured in
 * {@code sis-logback.xml}; {@link #stop()} writes what is still queued.
 */
public final class BatchedConsoleAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
    private Encoder<ILoggingEvent> encoder;
    private int queueSize = 8192;
    private BatchedLines lines;

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
        // Through System.err, whose lock keeps a batch whole among other appenders' lines.
        lines = new BatchedLines("sis-log-writer", queueSize, (bytes, length) -> {
            System.err.write(bytes, 0, length);
            System.err.flush();
        }, "stderr was not being read");
        super.start();
    }

    @Override
    protected void append(ILoggingEvent event) {
        lines.offer(encoder.encode(event));
    }

    @Override
    public void stop() {
        if (!isStarted()) {
            return;
        }
        super.stop();
        lines.close();
    }
}
