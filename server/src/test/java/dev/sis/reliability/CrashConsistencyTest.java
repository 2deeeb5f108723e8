package dev.sis.reliability;

import static dev.sis.reliability.Crashes.assertSpoolHoldsOneEmptyFolder;
import static dev.sis.reliability.Crashes.CHILD_JVM;
import static dev.sis.reliability.Crashes.base;
import static dev.sis.reliability.Crashes.kill;
import static dev.sis.reliability.Crashes.report;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.reliability.StoreCheck.Found;
import dev.sis.testing.ServerProcess;
import dev.sis.testing.Slow;
import dev.sis.testing.TestServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
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
 */
@Slow
@Tag("server-only")
class CrashConsistencyTest {
    private static final long SEED = Long.getLong("sis.test.crash.seed", 20_251_126L);
    private static final int UPLOADERS = 4;

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
                try (Uploaders clients = new Uploaders(base(sis.port()), ledger, Set.of(), UPLOADERS, SEED + round)) {
                    Thread.sleep(300 + random.nextInt(1200));
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
                    rounds.add(StoreCheck.verify(dataDir, ledger, base(agent.port())));
                    try (Uploaders clients = new Uploaders(base(agent.port()), ledger, Set.of(), UPLOADERS, SEED + 100 + round)) {
                        Thread.sleep(300 + random.nextInt(1200));
                        kill(agent);
                    }
                }
            }
            try (ServerProcess agent = startAgent(server.url(""))) {
                assertSpoolHoldsOneEmptyFolder(spool);
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
                    try (Uploaders clients = new Uploaders(agent.url(""), ledger, Set.of(502, 503, 504), UPLOADERS,
                            SEED + 200 + round)) {
                        Thread.sleep(300 + random.nextInt(1200));
                        kill(sis);
                        Thread.sleep(500);
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
        assertThat(ledger.count(502) + ledger.count(503) + ledger.count(504))
                .as("uploads while the server was down were refused").isPositive();
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
