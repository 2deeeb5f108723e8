package dev.sis.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sis.errors.OverloadedException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The gate's line and workers: a place is taken before anything is read, admitted work runs on the
 * gate's platform threads (never on the caller's), holds its slot and memory until it ends, and
 * stops when the gate closes. Waiting is observed through the gate's counters, never through sleeps.
 */
class DecodeGateWorkersTest {
    private static final long MIB = 1 << 20;
    private static final Duration LONG = Duration.ofMinutes(5);
    private final ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor();

    @AfterEach
    void stopThreads() {
        requests.shutdownNow();
    }

    @Test
    void admittedWorkRunsOnAPlatformThreadOfTheGateWhileTheRequestWaits() throws Exception {
        try (DecodeGate gate = new DecodeGate(2, 0, LONG)) {
            Future<Thread> worker = requests.submit(() -> {
                try (DecodeGate.Place place = gate.join()) {
                    return place.run(MIB, Thread::currentThread);
                }
            });

            Thread thread = worker.get();
            assertThat(thread.isVirtual()).isFalse();
            assertThat(thread.getName()).startsWith("sis-decode-");
        }
    }

    @Test
    void theLineIsBoundedAndAPlaceIsRefusedBeforeAnythingIsDone() {
        try (DecodeGate gate = new DecodeGate(1, 1, LONG)) {
            DecodeGate.Place running = gate.join();
            DecodeGate.Place queued = gate.join();

            assertThatThrownBy(gate::join).isInstanceOf(OverloadedException.class);
            assertThat(gate.rejections()).isEqualTo(1);
            queued.close();
            queued.close(); // closing twice gives back one place
            gate.join().close();
            running.close();
            assertThat(gate.queued()).isZero();
        }
    }

    @Test
    void theSlotAndTheMemoryAreHeldUntilTheWorkHasEnded() throws Exception {
        try (DecodeGate gate = new DecodeGate(1, 100 * MIB, 1, LONG)) {
            CountDownLatch release = new CountDownLatch(1);
            Future<String> slow = requests.submit(() -> {
                try (DecodeGate.Place place = gate.join()) {
                    return place.run(40 * MIB, () -> {
                        await(release);
                        return "made";
                    });
                }
            });
            while (gate.running() == 0) {
                Thread.sleep(1);
            }
            assertThat(gate.freeMemoryMiB()).isEqualTo(60);
            Future<String> next = requests.submit(() -> {
                try (DecodeGate.Place place = gate.join()) {
                    return place.run(MIB, () -> "next");
                }
            });
            while (gate.queued() == 0) {
                Thread.sleep(1);
            }
            assertThat(next).as("waits for the only slot").isNotDone();

            release.countDown();

            assertThat(slow.get()).isEqualTo("made");
            assertThat(next.get()).isEqualTo("next");
            assertThat(gate.running()).isZero();
            assertThat(gate.freeMemoryMiB()).isEqualTo(100);
        }
    }

    @Test
    void whatTheWorkThrowsReachesTheRequestAndFreesTheSlot() {
        try (DecodeGate gate = new DecodeGate(1, 0, LONG)) {
            for (int i = 0; i < 3; i++) {
                try (DecodeGate.Place place = gate.join()) {
                    assertThatThrownBy(() -> place.run(MIB, () -> {
                        throw new IllegalArgumentException("broken");
                    })).isInstanceOf(IllegalArgumentException.class).hasMessage("broken");
                }
            }
            assertThat(gate.running()).isZero();
        }
    }

    @Test
    void closingTheGateInterruptsRunningWorkAndEndsItsThreads() throws Exception {
        DecodeGate gate = new DecodeGate(1, 0, LONG);
        AtomicReference<Thread> worker = new AtomicReference<>();
        CompletableFuture<Boolean> sawInterrupt = new CompletableFuture<>();
        Future<?> request = requests.submit(() -> {
            try (DecodeGate.Place place = gate.join()) {
                return place.run(MIB, () -> {
                    worker.set(Thread.currentThread());
                    while (!Thread.currentThread().isInterrupted()) {
                        Thread.onSpinWait(); // a decode checks its deadline, which counts an interrupt as passed
                    }
                    sawInterrupt.complete(true);
                    return null;
                });
            }
        });
        while (gate.running() == 0) {
            Thread.sleep(1);
        }

        gate.close();

        assertThat(sawInterrupt.get()).isTrue();
        request.get();
        worker.get().join();
        assertThat(worker.get().isAlive()).isFalse();
        try (DecodeGate.Place place = gate.join()) {
            assertThatThrownBy(() -> place.run(MIB, () -> "after")).as("a closed gate runs nothing")
                    .isInstanceOf(OverloadedException.class);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
