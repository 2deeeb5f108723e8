package dev.sis.cli.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sis.client.SisClientException;
import dev.sis.client.UploadedImage;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How an upload's outcome is shown. For a program (not a terminal): one JSON object per file on
 * standard output, {@code {"file":…,"name":…,"md5":…}} or {@code {"file":…,"error":…,"status":…}},
 * in the order the uploads end. On a terminal: a progress bar on standard error, redrawn in place,
 * with a line per file above it. Thread-safe: uploads end on many threads.
 */
final class UploadReport {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BAR_WIDTH = 30;

    private final PrintStream out;
    private final PrintStream err;
    private final boolean terminal;
    private final int total;
    private int uploaded;
    private int failed;

    UploadReport(PrintStream out, PrintStream err, boolean terminal, int total) {
        this.out = out;
        this.err = err;
        this.terminal = terminal;
        this.total = total;
        if (terminal) {
            drawBar();
        }
    }

    synchronized void uploaded(Path file, UploadedImage image) {
        uploaded++;
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("file", file.toString());
        line.put("name", image.name());
        line.put("md5", image.md5());
        show(line, image.md5() + "  " + file, out);
    }

    synchronized void failed(Path file, RuntimeException e) {
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

    /** {@code [#########.....] 12/40 files, 1 failed}. */
    private void drawBar() {
        int done = uploaded + failed;
        int filled = total == 0 ? BAR_WIDTH : done * BAR_WIDTH / total;
        err.print("\r\033[K[" + "#".repeat(filled) + ".".repeat(BAR_WIDTH - filled) + "] " + done + "/" + total
                + " files" + (failed > 0 ? ", " + failed + " failed" : ""));
        err.flush();
    }
}
