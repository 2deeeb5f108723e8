package dev.sis.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.reliability.StoreCheck.Found;
import dev.sis.testing.Eventually;
import dev.sis.testing.S3TestServer;
import dev.sis.testing.ServerProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** What the crash tests do to a sis process and check after it, whatever the store. */
final class Crashes {
    /** A small, quickly started JVM for each sis process. */
    static final List<String> CHILD_JVM = List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    private Crashes() {
    }

    /** {@link #CHILD_JVM} with the test S3 server's credentials, where the SDK's default chain finds them first. */
    static List<String> childJvmForS3() {
        return java.util.stream.Stream.concat(CHILD_JVM.stream(), java.util.stream.Stream.of(
                "-Daws.accessKeyId=" + S3TestServer.ACCESS_KEY, "-Daws.secretAccessKey=" + S3TestServer.SECRET_KEY)).toList();
    }

    /** SIGKILL: no shutdown hook, no flush, no abort of anything in flight. */
    static void kill(ServerProcess sis) throws InterruptedException {
        sis.process().destroyForcibly();
        assertThat(sis.process().waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(sis.process().exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
    }

    /**
     * Waits until {@code atLeast} uploads are acknowledged in all, failing at once on anything
     * unexpected, and after {@code within} (a bound for a stuck server, not a pace).
     */
    static void awaitAcknowledged(UploadLedger ledger, int atLeast, Duration within) throws Exception {
        Eventually.await(within, atLeast + " uploads acknowledged", () -> {
            assertThat(ledger.unexpected()).isEmpty();
            return ledger.acknowledged().size() >= atLeast;
        });
    }

    static String base(int port) {
        return "http://127.0.0.1:" + port;
    }

    /**
     * At start an agent or an S3 store removes the spool folders of dead processes (their locks
     * are free) and keeps one empty folder of its own, locked.
     */
    static void assertSpoolHoldsOneEmptyFolder(Path spool) throws IOException {
        List<String> entries;
        try (Stream<Path> list = Files.list(spool)) {
            entries = list.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertThat(entries).hasSize(2);
        assertThat(entries.get(1)).isEqualTo(entries.get(0) + ".lock");
        try (Stream<Path> mine = Files.list(spool.resolve(entries.get(0)))) {
            assertThat(mine).isEmpty();
        }
    }

    /** One line for docs/reliability.md's figures, in the test's report. */
    static void report(String topology, List<Found> rounds, UploadLedger ledger, String more) {
        int verified = rounds.stream().mapToInt(Found::acknowledgedVerified).sum();
        Found last = rounds.getLast();
        System.out.printf("crash consistency (%s): %d kills survived, %d uploads acknowledged, %d acknowledged-upload checks"
                        + " after restarts, %d in-flight uploads stored and %d not, %d answers lost to kills, statuses %s,"
                        + " %d originals and %d variants at the end, %d empty directories left%s%n",
                topology, rounds.size() - 1, ledger.acknowledged().size(), verified, last.unacknowledgedStored(),
                ledger.unacknowledged().size() - last.unacknowledgedStored(), ledger.lostAnswers(), ledger.statuses(),
                last.originals(), last.variants(), last.emptyDirectories(), more);
    }
}
