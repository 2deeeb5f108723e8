package dev.sis.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
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

    @Test
    void theRateAndEtaFollowTheTimeSinceTheStart() {
        AtomicLong nanos = new AtomicLong();
        Progress progress = new Progress(out, false, Duration.ofSeconds(60), nanos::get);
        progress.found(30 * 1024 * 1024);
        progress.found(90 * 1024 * 1024);
        progress.start();
        progress.copied(30 * 1024 * 1024);
        nanos.addAndGet(Duration.ofSeconds(10).toNanos());

        // 30 MiB in 10 s is 3 MiB/s: the 90 MiB left take 30 s.
        assertThat(progress.line()).isEqualTo("[######..................] 1/2 files  30.0 MiB/120.0 MiB  3.0 MiB/s  ETA 0:30  (skipped 0, failed 0)");
        assertThat(progress.elapsed()).isEqualTo(Duration.ofSeconds(10));
        progress.finish();
    }
}
