package dev.sis.cli;

import java.util.Locale;
import java.util.Set;

/**
 * Tokens and keys that are known to the world: the placeholders sis's manifests once shipped
 * (a {@code kubectl apply} as-is gave a public admin token), and any value that is still a
 * placeholder ("change-me", "replace-me", …). A secret copied from an example is no secret, so
 * sis refuses to start with one. The documentation now shows {@code openssl rand -hex 32}
 * instead of values.
 */
final class ExampleSecrets {
    /** What the deploy/k8s Secrets of sis 0.1 held. */
    private static final Set<String> SHIPPED = Set.of(
            "change-me-upload-token-0123456789",
            "change-me-admin-token-0123456789",
            "change-me-internal-token-0123456789");

    /** Words that mark a placeholder; compared without case, dashes and underscores. */
    private static final Set<String> PLACEHOLDER_WORDS = Set.of("changeme", "replaceme", "yourtoken", "examplesecret");

    private ExampleSecrets() {
    }

    /** Whether {@code secret} is an example or a placeholder rather than a secret of its own. */
    static boolean isExample(String secret) {
        if (SHIPPED.contains(secret)) {
            return true;
        }
        String bare = secret.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
        return PLACEHOLDER_WORDS.stream().anyMatch(bare::contains);
    }
}
