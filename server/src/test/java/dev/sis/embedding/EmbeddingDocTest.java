package dev.sis.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/clients.md shows the embedding example that {@link EmbeddingExampleTest} runs, line for line. */
class EmbeddingDocTest {
    @Test
    void theDocsShowTheExampleThatRuns() throws IOException {
        String test = Files.readString(Path.of("server/src/test/java/dev/sis/embedding/EmbeddingExampleTest.java"));
        String start = "// example:start\n";
        String example = test.substring(test.indexOf(start) + start.length(), test.indexOf("        // example:end"));

        assertThat(example).contains("SisServer.start(");
        assertThat(Files.readString(Path.of("docs/clients.md"))).contains(example);
    }
}
