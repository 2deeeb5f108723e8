package dev.sis.cli.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sis.client.SisClientException;
import dev.sis.cli.Sizes;
import dev.sis.client.UploadedImage;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * How an upload's outcome is shown. For a program (not a terminal): one JSON object per file on
 * standard output, {@code {"file":…,"name":…,"md5":…}} or {@code {"file":…,"error":…,"status":…}},
 * in the order the uploads end. On a terminal: a progress bar on standard error, redrawn in place
 * as bytes are sent (a large file moves it too), with a line per file above it. Thread-safe:
 * uploads send and end on many threads.
 */
final class UploadReport {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BAR_WIDTH = 30;

    private final PrintStream out;
    private final PrintStream err;
    private final boolean terminal;
    private final int total;
    private final long totalBytes;
    private int uploaded;
    private int failed;
    private long doneBytes;
    private int cellsDrawn = -1;

    /**
     * @param total      how many files will be uploaded
     * @param totalBytes their sizes, together
     */
    UploadReport(PrintStream out, PrintStream err, boolean terminal, int total, long totalBytes) {
        this.out = out;
        this.err = err;
        this.terminal = terminal;
        this.total = total;
        this.totalBytes = totalBytes;
        if (terminal) {
            drawBar();
        }
    }

    /** One file's bytes as they are sent; hand it to {@code Upload.onProgress}. */
    final class FileBytes implements LongConsumer {
        private final long size;
        private long counted;

        FileBytes(long size) {
            this.size = size;
        }

        /** Counts what was sent of the file, never more than its size (the body has part headers too). */
        @Override
        public void accept(long sent) {
            synchronized (UploadReport.this) {
                long more = Math.min(sent, size - counted);
                counted += more;
                sent(more);
            }
        }

        /** The file is over, sent or not: all of its size counts as done. */
        private void end() {
            sent(size - counted);
            counted = size;
        }
    }

    synchronized FileBytes fileBytes(long size) {
        return new FileBytes(size);
    }

    private void sent(long bytes) {
        doneBytes += bytes;
        if (terminal && cells() != cellsDrawn) {
            drawBar();
        }
    }

    synchronized void uploaded(Path file, FileBytes bytes, UploadedImage image) {
        bytes.end();
        uploaded++;
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("file", file.toString());
        line.put("name", image.name());
        line.put("md5", image.md5());
        show(line, image.md5() + "  " + file, out);
    }

    synchronized void failed(Path file, FileBytes bytes, RuntimeException e) {
        bytes.end();
        failed++;
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("file", file.toString());
        line.put("error", e.getMessage());
        if (e instanceof SisClientException sis && sis.status() != 0) {
            line.put("status", sis.status());
        }
        show(line, "FAILED " + file + ": " + e.getMessage(), err);
    }

    /** Ends the bar and prints the totals (on a terminal). */
    synchronized void finish() {
        if (terminal) {
            err.println();
            err.println("sis upload: " + uploaded + " uploaded, " + failed + " failed, of " + total + " files");
            err.flush();
        }
    }

    synchronized int failedCount() {
        return failed;
    }

    private void show(Map<String, Object> json, String text, PrintStream textStream) {
        if (!terminal) {
            try {
                out.println(JSON.writeValueAsString(json));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a map of strings always converts to JSON", e);
            }
            out.flush();
            return;
        }
        err.print("\r\033[K");
        err.flush();
        textStream.println(text);
        textStream.flush();
        drawBar();
    }

    /** {@code [#########.....] 12/40 files  3.0 MiB/9.5 MiB, 1 failed}, filled by bytes. */
    private void drawBar() {
        int done = uploaded + failed;
        cellsDrawn = cells();
        err.print("\r\033[K[" + "#".repeat(cellsDrawn) + ".".repeat(BAR_WIDTH - cellsDrawn) + "] " + done + "/" + total
                + " files  " + Sizes.approximate(doneBytes) + "/" + Sizes.approximate(totalBytes)
                + (failed > 0 ? ", " + failed + " failed" : ""));
        err.flush();
    }

    private int cells() {
        if (totalBytes > 0) {
            return (int) (Math.min(doneBytes, totalBytes) * BAR_WIDTH / totalBytes);
        }
        return total == 0 ? BAR_WIDTH : (uploaded + failed) * BAR_WIDTH / total;
    }
}
