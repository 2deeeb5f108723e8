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
        UploadReport report = report(false, 3);

        report.uploaded(Path.of("dir/a \"1\".jpg"), new UploadedImage("a \"1\".jpg", MD5, 10L, "image/jpeg", 1, 1));
        report.failed(Path.of("b.png"), new TooLargeException("POST /v1/images: 413 too large", 413, "too large"));
        report.failed(Path.of("c.png"), new UncheckedIOException("the file to upload is gone: c.png", new java.io.IOException()));
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
        UploadReport report = report(true, 2);

        report.uploaded(Path.of("a.jpg"), new UploadedImage("a.jpg", MD5, 10L, "image/jpeg", 1, 1));
        report.failed(Path.of("b.png"), new TooLargeException("POST /v1/images: 413 too large", 413, "too large"));
        report.finish();

        String bar = text(err);
        assertThat(bar).startsWith("\r\033[K[" + ".".repeat(30) + "] 0/2 files")
                .contains("\r\033[K[" + "#".repeat(15) + ".".repeat(15) + "] 1/2 files")
                .contains("FAILED b.png: POST /v1/images: 413 too large\n")
                .contains("\r\033[K[" + "#".repeat(30) + "] 2/2 files, 1 failed")
                .endsWith("\nsis upload: 1 uploaded, 1 failed, of 2 files\n");
        assertThat(text(out)).isEqualTo(MD5 + "  a.jpg\n");
    }

    private UploadReport report(boolean terminal, int total) {
        return new UploadReport(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                terminal, total);
    }

    private static String text(ByteArrayOutputStream stream) {
        return stream.toString(StandardCharsets.UTF_8);
    }
}
