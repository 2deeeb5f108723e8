package dev.sis.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Waits for the analysis sis makes in the background after an upload (its sidecar), for tests
 * whose setup must be still before they start: a decode slot held by it, a file written beside
 * the original while the test removes the directory.
 */
public final class AnalysisMade {
    private AnalysisMade() {
    }

    /** Returns once {@code /v1/info/{md5}} shows the analysis (20 s at most). */
    public static void await(TestClient client, String md5) {
        try {
            Eventually.await(Duration.ofSeconds(20), "the analysis of " + md5, () -> new String(
                    client.get("/v1/info/" + md5).body(), StandardCharsets.UTF_8).contains("\"blurhash\""));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
