package dev.sis.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Secrets are compared in constant time. Timing cannot be asserted reliably in a test, so
 * this asserts the code path instead: the two places that compare secrets go through
 * {@code MessageDigest.isEqual} and never through {@code equals}.
 */
class ConstantTimeComparisonTest {
    private static final Path SECURITY = Path.of("server/src/main/java/dev/sis/security");

    @Test
    void bearerTokensAreComparedWithMessageDigestIsEqual() throws IOException {
        String source = Files.readString(SECURITY.resolve("BearerToken.java"));

        assertThat(source).contains("MessageDigest.isEqual(expected, given)");
        assertThat(source).doesNotContain("expected.equals", "given.equals", "Arrays.equals");
    }

    @Test
    void signaturesAreComparedWithMessageDigestIsEqual() throws IOException {
        String source = Files.readString(SECURITY.resolve("UrlSigner.java"));

        assertThat(source).contains("MessageDigest.isEqual(expected,");
        assertThat(source).doesNotContain("signature.equals", "expected.equals", "Arrays.equals");
    }

    @Test
    void everyTokenCheckGoesThroughBearerToken() throws IOException {
        for (String file : new String[] {"AccessRules.java"}) {
            String source = Files.readString(SECURITY.resolve(file));
            assertThat(source).as(file).contains(".accepts(").doesNotContain(".equals(");
        }
        assertThat(Files.readString(Path.of("server/src/main/java/dev/sis/http/InternalRoutes.java")))
                .contains("token.accepts(").doesNotContain("equals(ctx.header");
    }
}
