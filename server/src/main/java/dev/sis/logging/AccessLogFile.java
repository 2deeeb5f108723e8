package dev.sis.logging;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The access log in a file of its own ({@code --access-log FILE}), appended to in batches by
 * {@link BatchedLines}. Every client request adds a line, so the file is bounded: past
 * {@link #MAX_BYTES} it is renamed {@code FILE.1} (the older ones move to {@code .2} and
 * {@code .3}, and the oldest is deleted) and a new one is started, so the log never holds more
 * than four files' worth.
 */
public final class AccessLogFile implements AutoCloseable {
    /** Size at which the file rolls over. */
    public static final long MAX_BYTES = 64L * 1024 * 1024;
    /** Rolled-over files kept beside the current one. */
    public static final int KEPT = 3;

    private final Path file;
    private final long maxBytes;
    private final BatchedLines lines;
    private OutputStream out;
    private long size;
    private volatile boolean closed;

    /**
     * Opens (or creates) the file for appending.
     *
     * @throws IOException when it cannot be: the caller reports it before the server starts
     */
    public AccessLogFile(Path file) throws IOException {
        this(file, MAX_BYTES);
    }

    AccessLogFile(Path file, long maxBytes) throws IOException {
        this.file = file;
        this.maxBytes = maxBytes;
        open();
        this.lines = new BatchedLines("sis-access-log", 8192, this::write, "the access log file " + file
                + " was not being written fast enough");
    }

    /**
     * Queues one line (with its line end); never blocks while the file is open. After
     * {@link #close()} the line is appended at once instead: Jetty logs an answer after its last
     * byte has gone out, so the answer to a request served just before a stop can be logged after
     * the server has closed its log, and it must not be lost.
     */
    public void offer(byte[] line) {
        if (closed) {
            appendLate(line);
        } else {
            lines.offer(line);
        }
    }

    private synchronized void appendLate(byte[] line) {
        try {
            Files.write(file, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (IOException e) {
            // Nowhere left to say it: the server has stopped and this is its access log.
        }
    }

    private void open() throws IOException {
        out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                StandardOpenOption.WRITE);
        size = Files.size(file);
    }

    /** On the writer thread only. */
    private void write(byte[] bytes, int length) throws IOException {
        if (size > 0 && size + length > maxBytes) {
            rollOver();
        }
        out.write(bytes, 0, length);
        out.flush();
        size += length;
    }

    private void rollOver() throws IOException {
        out.close();
        Files.deleteIfExists(numbered(KEPT));
        for (int n = KEPT - 1; n >= 1; n--) {
            if (Files.exists(numbered(n))) {
                Files.move(numbered(n), numbered(n + 1), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.move(file, numbered(1), StandardCopyOption.REPLACE_EXISTING);
        open();
    }

    private Path numbered(int n) {
        return file.resolveSibling(file.getFileName() + "." + n);
    }

    /** Writes what is queued, then closes the file. */
    @Override
    public void close() throws IOException {
        closed = true;
        lines.close();
        out.close();
    }
}
