package dev.sis.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.sis.errors.InvalidNameException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Fuzzes the file name every original's path is built from: a name is accepted only as one safe
 * path segment within the byte limit, and refused only with {@link InvalidNameException}.
 * Seeds: {@code FileNameFuzzTestInputs/}.
 */
class FileNameFuzzTest {
    private static final Path DIR = Path.of("/store/ab/cd/abcd/src");

    @FuzzTest
    void aNameIsOneSafePathSegmentOrRefused(FuzzedDataProvider data) {
        int maxBytes = data.consumeInt(1, 255);
        boolean lastSegmentFirst = data.consumeBoolean();
        String raw = data.consumeRemainingAsString();
        String candidate = lastSegmentFirst ? FileName.lastSegment(raw) : raw;
        FileName name;
        try {
            name = FileName.parse(candidate, maxBytes);
        } catch (InvalidNameException refused) {
            assertThat(refused.getMessage()).isNotBlank();
            return;
        }
        String value = name.value();
        assertThat(value).isEqualTo(candidate).isNotEmpty().isNotIn(".", "..").doesNotContain("/", "\\", "\0");
        assertThat(value.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(maxBytes);
        assertThat(value.chars()).noneMatch(c -> c < 0x20 || c == 0x7F);
        assertThat(new String(value.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
                .as("well-formed Unicode survives UTF-8").isEqualTo(value);
        assertThat(DIR.resolve(value).normalize().getParent()).as("stays in its directory").isEqualTo(DIR);
    }
}
