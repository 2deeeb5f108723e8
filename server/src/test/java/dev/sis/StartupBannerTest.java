package dev.sis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.testing.ServerProcess;
import dev.sis.testing.Slow;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The block the real process logs at start says which sis it is and whether anyone may upload or
 * a token is needed: what an operator checks before opening the port to a network. (The heap next
 * to the cache, in the same block, is {@code CacheOffHeapFitTest}'s.)
 */
@Slow
class StartupBannerTest {
    @TempDir
    Path dataDir;

    @Test
    void anOpenServerSaysSoWithItsVersion() throws Exception {
        try (ServerProcess sis = ServerProcess.start(List.of(), ServerProcess.loopbackStore(dataDir))) {
            String banner = String.join("\n", sis.lines());
            assertThat(banner).contains("sis is ready", "version:       sis ",
                    "access:        uploads open to anyone (no --upload-token), deletes off (no --admin-token), "
                            + "variant URLs unsigned");
        }
    }

    @Test
    void aServerWithTokensSaysWhatTheyGuard() throws Exception {
        try (ServerProcess sis = ServerProcess.start(List.of(), ServerProcess.loopbackStore(dataDir,
                "--upload-token", "upload-token-0123456789", "--admin-token", "admin-token-0123456789",
                "--signing-key", "signing-key-0123456789"))) {
            assertThat(String.join("\n", sis.lines())).contains("access:        uploads need the upload token, "
                    + "deletes need the admin token, variant URLs signed");
        }
    }
}
