package dev.sis.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.image.ImageFormat;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The client's enums spell the values the server reads. They are separate types on purpose
 * (the server's image core does not depend on the client library), so this keeps them equal.
 */
class WireVocabularyTest {
    @Test
    void theClientsFitsAreTheServers() {
        assertThat(Arrays.stream(Fit.values()).map(Fit::urlName))
                .containsExactlyElementsOf(Arrays.stream(dev.sis.image.Fit.values()).map(dev.sis.image.Fit::urlName).toList());
    }

    @Test
    void theClientsFormatsAreTheOnesTheServerWrites() {
        assertThat(Arrays.stream(Format.values()).map(Format::urlName))
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(ImageFormat.values()).filter(ImageFormat::writable)
                        .map(ImageFormat::urlName).toList());
    }
}
