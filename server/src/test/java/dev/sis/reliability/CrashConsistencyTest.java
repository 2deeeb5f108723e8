package dev.sis.reliability;

import static dev.sis.reliability.Crashes.assertSpoolHoldsOneEmptyFolder;
import static dev.sis.reliability.Crashes.awaitAcknowledged;
import static dev.sis.reliability.Crashes.CHILD_JVM;
import static dev.sis.reliability.Crashes.base;
import static dev.sis.reliability.Crashes.kill;
import static dev.sis.reliability.Crashes.report;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.reliability.StoreCheck.Found;
import dev.sis.testing.Eventually;
import dev.sis.testing.ServerProcess;
import dev.sis.testing.Slow;
import dev.sis.testing.TestServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash consistency: parallel uploaders, and sis killed with SIGKILL at a random moment, round
 * after round, then restarted on the same data. After every restart {@link StoreCheck} proves
 * that every acknowledged upload is there byte for byte, that nothing partial or stray exists
 * outside {@code .staging}, that {@code .staging} was emptied, and that nothing is served that
 * was not sent. Three topologies: a server; an agent killed in front of a live server; a server
 * killed behind a live agent (which must answer 502/503/504, never 200, while it is down).
 *
 * <p>SIGKILL tests a process crash: what the process wrote survives in the page cache. A power
 * cut is covered by the fsyncs in {@code Durable}, which this test cannot observe. The S3 store
 * has its own: {@link S3CrashConsistencyTest}. Seeded; about 40 s on two cores.
 *
 * <p>Each round runs until {@link #ACKNOWLEDGED_PER_ROUND} more uploads are acknowledged, then
 * kills at a random moment within the next 1.2 s: the rounds do the same work however fast the
 * machine is, where a fixed time would leave a loaded machine too few acknowledged uploads to check.
 */
@Slow
@Tag("server-only")
class CrashConsistencyTest {
    private static final long SEED = Long.getLong("sis.test.crash.seed", 20_251_126L);
    private static final int UPLOADERS = 4;
    /** Uploads acknowledged in a round before its kill: 5 rounds make 25, over the 20 asked for; 3 make 15, over 10. */
    private static final int ACKNOWLEDGED_PER_ROUND = 5;
    /** How long a round may take to see its uploads acknowledged or refused: far beyond any machine's pace. */
    private static final Duration ROUND_LIMIT = Duration.ofSeconds(120);

    @TempDir
    Path dataDir;
    @TempDir
    Path spool;

    @Test
    void acknowledgedUploadsSurviveSigkillOfTheServer() throws Exception {
        UploadLedger ledger = new UploadLedger();
        Random random = new Random(SEED);
        List<Found> rounds = new ArrayList<>();
        for (int round = 0; round < 5; round++) {
            try (ServerProcess sis = startServer(0)) {
                rounds.add(StoreCheck.verify(dataDir, ledger, base(sis.port())));
                int before = ledger.acknowledged().size();
                try (Uploaders clients = new Uploaders(base(sis.port()), ledger, Set.of(), UPLOADERS, SEED + round)) {
                    awaitAcknowledged(ledger, before + ACKNOWLEDGED_PER_ROUND, ROUND_LIMIT);
                    Thread.sleep(random.nextInt(1200));
                    kill(sis);
                }
            }
        }
        try (ServerProcess sis = startServer(0)) {
            rounds.add(StoreCheck.verify(dataDir, ledger, base(sis.port())));
        }
        report("server killed", rounds, ledger, "");
        assertThat(ledger.unexpected()).isEmpty();
        assertThat(ledger.acknowledged()).hasSizeGreaterThan(20);
        assertThat(ledger.lostAnswers()).as("some uploads were in flight at a kill").isPositive();
    }

    @Test
    void anAgentKilledMidUploadLosesNothingItAcknowledged() throws Exception {
        UploadLedger ledger = new UploadLedger();
        Random random = new Random(SEED + 1);
        List<Found> rounds = new ArrayList<>();
        try (TestServer server = TestServer.start(dataDir)) {
            for (int round = 0; round < 3; round++) {
                try (ServerProcess agent = startAgent(server.url(""))) {
                    assertSpoolHoldsOneEmptyFolder(spool);
                    // the server analyses what the killed agent uploaded, through .staging
                    server.awaitBackgroundWrites();
                    rounds.add(StoreCheck.verify(dataDir, ledger, base(agent.port())));
                    int before = ledger.acknowledged().size();
                    try (Uploaders clients = new Uploaders(base(agent.port()), ledger, Set.of(), UPLOADERS, SEED + 100 + round)) {
                        awaitAcknowledged(ledger, before + ACKNOWLEDGED_PER_ROUND, ROUND_LIMIT);
                        Thread.sleep(random.nextInt(1200));
                        kill(agent);
                    }
                }
            }
            try (ServerProcess agent = startAgent(server.url(""))) {
                assertSpoolHoldsOneEmptyFolder(spool);
                server.awaitBackgroundWrites();
                rounds.add(StoreCheck.verify(dataDir, ledger, base(agent.port())));
            }
        }
        report("agent killed", rounds, ledger, "");
        assertThat(ledger.unexpected()).isEmpty();
        assertThat(ledger.acknowledged()).hasSizeGreaterThan(10);
    }

    @Test
    void aServerKilledBehindAnAgentIsNeverAcknowledged() throws Exception {
        UploadLedger ledger = new UploadLedger();
        Random random = new Random(SEED + 2);
        List<Found> rounds = new ArrayList<>();
        int port = freePort();
        try (TestServer agent = TestServer.startAgent(spool, base(port), UnaryOperator.identity())) {
            for (int round = 0; round < 3; round++) {
                try (ServerProcess sis = startServer(port)) {
                    rounds.add(StoreCheck.verify(dataDir, ledger, base(port)));
                    int before = ledger.acknowledged().size();
                    try (Uploaders clients = new Uploaders(agent.url(""), ledger, Set.of(502, 503, 504), UPLOADERS,
                            SEED + 200 + round)) {
                        awaitAcknowledged(ledger, before + ACKNOWLEDGED_PER_ROUND, ROUND_LIMIT);
                        Thread.sleep(random.nextInt(1200));
                        kill(sis);
                        // The agent keeps answering while its server is down: wait for it to refuse one.
                        int refusedBefore = refused(ledger);
                        Eventually.await(ROUND_LIMIT, "an upload refused while the server was down",
                                () -> refused(ledger) > refusedBefore);
                    }
                }
            }
            try (ServerProcess sis = startServer(port)) {
                rounds.add(StoreCheck.verify(dataDir, ledger, base(port)));
            }
        }
        report("server killed behind an agent", rounds, ledger, "");
        assertThat(ledger.unexpected()).isEmpty();
        assertThat(ledger.acknowledged()).hasSizeGreaterThan(10);
        assertThat(refused(ledger)).as("uploads while the server was down were refused").isPositive();
    }

    private static int refused(UploadLedger ledger) {
        return ledger.count(502) + ledger.count(503) + ledger.count(504);
    }

    private ServerProcess startServer(int port) throws IOException {
        return ServerProcess.start(CHILD_JVM, List.of("-port", Integer.toString(port), "-host", "127.0.0.1",
                "-image", dataDir.toString(), "-cache", "8"));
    }

    private ServerProcess startAgent(String upstream) throws IOException {
        return ServerProcess.start(CHILD_JVM, List.of("-port", "0", "-host", "127.0.0.1", "-localStore=false",
                "-upstream", upstream, "-spool-dir", spool.toString(), "-cache", "8"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
