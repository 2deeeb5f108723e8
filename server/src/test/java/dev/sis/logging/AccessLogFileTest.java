package dev.sis.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessLogFileTest {
    @TempDir
    Path dir;

    @Test
    void linesAreAppendedToWhatTheFileHeld() throws Exception {
        Path file = dir.resolve("access.log");
        Files.writeString(file, "earlier\n");

        try (AccessLogFile log = new AccessLogFile(file)) {
            log.offer("one\n".getBytes(StandardCharsets.UTF_8));
            log.offer("two\n".getBytes(StandardCharsets.UTF_8));
        }

        assertThat(Files.readAllLines(file)).containsExactly("earlier", "one", "two");
    }

    @Test
    void aLineOfferedAfterTheCloseIsAppendedNotLost() throws Exception {
        Path file = dir.resolve("access.log");
        AccessLogFile log = new AccessLogFile(file);
        log.offer("answered\n".getBytes(StandardCharsets.UTF_8));
        log.close();

        log.offer("answered just before the stop, logged after it\n".getBytes(StandardCharsets.UTF_8));

        assertThat(Files.readAllLines(file)).containsExactly("answered", "answered just before the stop, logged after it");
    }

    @Test
    void theLogRollsOverKeepingTheNewestLinesInFourFilesAtMost() throws Exception {
        Path file = dir.resolve("access.log");

        try (AccessLogFile log = new AccessLogFile(file, 1_000)) {
            for (int i = 0; i < 200; i++) {
                log.offer(String.format("%03d%s%n", i, "x".repeat(95)).getBytes(StandardCharsets.UTF_8));
                Thread.sleep(1); // several batches, so that the file rolls over between them
            }
        }

        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("access.log", "access.log.1", "access.log.2", "access.log.3");
        }
        List<String> kept = new ArrayList<>();
        for (String name : List.of("access.log.3", "access.log.2", "access.log.1", "access.log")) {
            kept.addAll(Files.readAllLines(dir.resolve(name)));
        }
        List<Integer> numbers = kept.stream().map(l -> Integer.parseInt(l.substring(0, 3))).toList();
        assertThat(numbers).as("oldest first, none missing in between, the newest kept").isSorted()
                .endsWith(199).hasSize(200 - numbers.getFirst());
        assertThat(numbers.getFirst()).as("the oldest lines were deleted").isPositive();
    }

    @Test
    void aFileThatCannotBeOpenedIsReportedAtOnce() {
        Path missingFolder = dir.resolve("no-such-folder").resolve("access.log");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new AccessLogFile(missingFolder))
                .isInstanceOf(java.nio.file.NoSuchFileException.class);
    }
}
