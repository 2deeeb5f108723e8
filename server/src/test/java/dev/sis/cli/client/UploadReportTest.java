package dev.sis.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.client.TooLargeException;
import dev.sis.client.UploadedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The two ways an upload's outcome is shown: JSON lines for programs, a bar for people. */
class UploadReportTest {
    private static final String MD5 = "0123456789abcdef0123456789abcdef";
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void forAProgramEachFileIsOneJsonLineOnStandardOutput() {
        UploadReport report = report(false, 3, 30);

        report.uploaded(Path.of("dir/a \"1\".jpg"), report.fileBytes(10), new UploadedImage("a \"1\".jpg", MD5, 10L, "image/jpeg", 1, 1));
        report.failed(Path.of("b.png"), report.fileBytes(10), new TooLargeException("POST /v1/images: 413 too large", 413, "too large"));
        report.failed(Path.of("c.png"), report.fileBytes(10),
                new UncheckedIOException("the file to upload is gone: c.png", new java.io.IOException()));
        report.finish();

        assertThat(text(out)).isEqualTo("""
                {"file":"dir/a \\"1\\".jpg","name":"a \\"1\\".jpg","md5":"%s"}
                {"file":"b.png","error":"POST /v1/images: 413 too large","status":413}
                {"file":"c.png","error":"the file to upload is gone: c.png"}
                """.formatted(MD5));
        assertThat(text(err)).isEmpty();
        assertThat(report.failedCount()).isEqualTo(2);
    }

    @Test
    void onATerminalABarIsRedrawnUnderTheLinesAndTotalsEndIt() {
        UploadReport report = report(true, 2, 2048);

        report.uploaded(Path.of("a.jpg"), report.fileBytes(1024), new UploadedImage("a.jpg", MD5, 1024L, "image/jpeg", 1, 1));
        report.failed(Path.of("b.png"), report.fileBytes(1024), new TooLargeException("POST /v1/images: 413 too large", 413, "too large"));
        report.finish();

        String bar = text(err);
        assertThat(bar).startsWith("\r\033[K[" + ".".repeat(30) + "] 0/2 files  0 B/2.0 KiB")
                .contains("\r\033[K[" + "#".repeat(15) + ".".repeat(15) + "] 1/2 files  1.0 KiB/2.0 KiB")
                .contains("FAILED b.png: POST /v1/images: 413 too large\n")
                .contains("\r\033[K[" + "#".repeat(30) + "] 2/2 files  2.0 KiB/2.0 KiB, 1 failed")
                .endsWith("\nsis upload: 1 uploaded, 1 failed, of 2 files\n");
        assertThat(text(out)).isEqualTo(MD5 + "  a.jpg\n");
    }

    @Test
    void theBarMovesWhileOneLargeFileIsStillBeingSent() {
        long size = 30L << 20;
        UploadReport report = report(true, 1, size);
        UploadReport.FileBytes bytes = report.fileBytes(size);

        bytes.accept(10L << 20);
        bytes.accept(5L << 20);

        assertThat(text(err)).endsWith("\r\033[K[" + "#".repeat(15) + ".".repeat(15) + "] 0/1 files  15.0 MiB/30.0 MiB");
        bytes.accept(size); // the multipart body is larger than the file: never past the file's size
        assertThat(text(err)).endsWith("] 0/1 files  30.0 MiB/30.0 MiB");
    }

    private UploadReport report(boolean terminal, int total, long totalBytes) {
        return new UploadReport(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                terminal, total, totalBytes);
    }

    private static String text(ByteArrayOutputStream stream) {
        return stream.toString(StandardCharsets.UTF_8);
    }
}
