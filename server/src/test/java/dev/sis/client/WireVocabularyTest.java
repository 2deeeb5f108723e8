package dev.sis.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.image.ImageFormat;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The client's enums spell the values the server reads. {@link Fit} is one type for both (the
 * server uses the client's); formats are separate types, since the server reads more formats
 * than it writes, so this keeps the writable ones equal.
 */
class WireVocabularyTest {
    @Test
    void theClientsFormatsAreTheOnesTheServerWrites() {
        assertThat(Arrays.stream(Format.values()).map(Format::urlName))
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(ImageFormat.values()).filter(ImageFormat::writable)
                        .map(ImageFormat::urlName).toList());
    }
}
