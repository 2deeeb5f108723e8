package dev.sis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sis.testing.ServerProcess;
import dev.sis.testing.Slow;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --log-format json}: every log line of the real process is one JSON object. */
@Slow
class JsonLogFormatTest {
    @TempDir
    Path dataDir;

    @Test
    void everyLineIsAJsonObjectWithLevelLoggerAndMessage() throws Exception {
        try (ServerProcess sis = ServerProcess.start(List.of(),
                List.of("-port", "0", "-host", "127.0.0.1", "-image", dataDir.toString(), "--log-format=json"))) {
            ObjectMapper json = new ObjectMapper();
            List<String> lines = sis.lines();

            assertThat(lines).isNotEmpty();
            for (String line : lines) {
                JsonNode entry = json.readTree(line);
                assertThat(entry.has("level")).as(line).isTrue();
                assertThat(entry.has("loggerName")).as(line).isTrue();
            }
            assertThat(json.readTree(lines.getLast()).get("formattedMessage").asText()).startsWith("sis is ready");
        }
    }
}
