package dev.sis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * sis refuses to start with a token or key that anyone could know: the values the shipped
 * Kubernetes Secrets held, and placeholders. The problem never repeats the value.
 */
class ExampleSecretsTest {

    @ParameterizedTest
    @ValueSource(strings = {"change-me-upload-token-0123456789", "change-me-admin-token-0123456789",
            "change-me-internal-token-0123456789", "CHANGE_ME_0123456789abcdef", "replace-me-with-a-real-token"})
    void anExampleOrPlaceholderTokenIsRefusedForEverySecretWithoutRepeatingIt(String example) {
        for (Setting<?> secret : List.of(Setting.UPLOAD_TOKEN, Setting.ADMIN_TOKEN, Setting.INTERNAL_TOKEN, Setting.SIGNING_KEY)) {
            ParseResult fromFlag = CommandLineParser.parse(new String[] {secret.name() + "=" + example}, Map.of());
            ParseResult fromEnv = CommandLineParser.parse(new String[0], Map.of(secret.env(), example));

            assertThat(((ParseResult.Invalid) fromFlag).problems()).singleElement().asString()
                    .startsWith(secret.name() + ": is an example or a placeholder").contains("openssl rand -hex 32")
                    .doesNotContain(example);
            assertThat(((ParseResult.Invalid) fromEnv).problems()).singleElement().asString()
                    .endsWith("(from " + secret.env() + ")").doesNotContain(example);
        }
    }

    @Test
    void aTokenOfItsOwnIsTaken() {
        ParseResult result = CommandLineParser.parse(new String[] {"--admin-token=9f86d081884c7d659a2feaa0c55ad015"}, Map.of());

        assertThat(result).isInstanceOf(ParseResult.Run.class);
    }

    @Test
    void aTooShortTokenIsStillRefused() {
        ParseResult result = CommandLineParser.parse(new String[] {"--upload-token=short"}, Map.of());

        assertThat(((ParseResult.Invalid) result).problems()).singleElement().asString()
                .isEqualTo("--upload-token: must be 16 to 512 visible ASCII characters, or empty for none");
    }
}
