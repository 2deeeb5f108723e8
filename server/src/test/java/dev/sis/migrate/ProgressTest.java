package dev.sis.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    @Test
    void aTerminalGetsOneBarRedrawnInPlaceAndProblemsOnTheirOwnLines() {
        Progress progress = new Progress(out, true, Duration.ofSeconds(60));
        progress.found(3 * 1024 * 1024);
        progress.found(1024 * 1024);
        progress.start();
        progress.copied(3 * 1024 * 1024);
        progress.failed("/old/a/b/src/x.jpg", "content MD5 … does not match its place");
        progress.finish();

        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("\r\033[Ksis migrate: FAILED /old/a/b/src/x.jpg: content MD5")
                .contains("\r\033[K[##################......] 2/2 files  3.0 MiB/4.0 MiB")
                .contains("(skipped 0, failed 1)")
                .endsWith(System.lineSeparator());
    }

    @Test
    void elsewherePlainLinesWithFilesBytesRateAndEta() {
        Progress progress = new Progress(out, false, Duration.ofSeconds(60));
        progress.found(2048);
        progress.found(2048);
        progress.start();
        progress.copied(2048);

        assertThat(progress.line()).matches("\\[#{12}\\.{12}] 1/2 files  2\\.0 KiB/4\\.0 KiB  .+/s  ETA \\d+:\\d\\d  \\(skipped 0, failed 0\\)");
        progress.skipped(2048);
        progress.finish();
        assertThat(bytes.toString(StandardCharsets.UTF_8)).startsWith("sis migrate: [####").contains("ETA 0:00").doesNotContain("\r");
    }
}
