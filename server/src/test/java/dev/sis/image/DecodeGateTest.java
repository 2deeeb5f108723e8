package dev.sis.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sis.errors.OverloadedException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The gate is driven by taking permits directly; waiting threads are observed through
 * {@link DecodeGate#queued()} (polled until they are in the queue), never through sleeps.
 */
class DecodeGateTest {
    private static final Duration LONG = Duration.ofMinutes(5);
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void admitsUpToMaxConcurrentAtOnce() {
        DecodeGate gate = new DecodeGate(2, 0, LONG);
        DecodeGate.Permit a = gate.enter();
        DecodeGate.Permit b = gate.enter();
        assertThat(a).isNotNull();
        assertThat(b).isNotNull();
        a.close();
        b.close();
    }

    @Test
    void refusesAtOnceWhenAllSlotsAreBusyAndNoQueueIsAllowed() {
        DecodeGate gate = new DecodeGate(1, 0, LONG);
        try (DecodeGate.Permit held = gate.enter()) {
            assertThatThrownBy(gate::enter)
                    .isInstanceOfSatisfying(OverloadedException.class, e -> {
                        assertThat(e.status()).isEqualTo(503);
                        assertThat(e.retryAfterSeconds()).isPositive();
                        assertThat(e.publicMessage()).isNotBlank();
                    });
            assertThat(gate.queued()).isZero();
        }
    }

    @Test
    void aClosedPermitFreesItsSlot() {
        DecodeGate gate = new DecodeGate(1, 0, LONG);
        gate.enter().close();
        try (DecodeGate.Permit again = gate.enter()) {
            assertThat(again).isNotNull();
        }
    }

    @Test
    void aQueuedRequestGetsTheSlotWhenItIsFreed() throws Exception {
        DecodeGate gate = new DecodeGate(1, 1, LONG);
        DecodeGate.Permit held = gate.enter();
        Future<Boolean> waiter = threads.submit(() -> {
            try (DecodeGate.Permit p = gate.enter()) {
                return true;
            }
        });
        awaitQueued(gate, 1);
        assertThat(waiter).isNotDone();

        held.close();

        assertThat(waiter.get()).isTrue();
        assertThat(gate.queued()).isZero();
    }

    @Test
    void refusesBeyondTheQueueWhileOthersWait() throws Exception {
        DecodeGate gate = new DecodeGate(1, 1, LONG);
        DecodeGate.Permit held = gate.enter();
        Future<Boolean> waiter = threads.submit(() -> {
            try (DecodeGate.Permit p = gate.enter()) {
                return true;
            }
        });
        awaitQueued(gate, 1);

        assertThatThrownBy(gate::enter).isInstanceOf(OverloadedException.class);
        assertThat(gate.queued()).isEqualTo(1);

        held.close();
        assertThat(waiter.get()).isTrue();
    }

    @Test
    void aWaitThatRunsOutIsRefusedAndLeavesTheQueue() {
        DecodeGate gate = new DecodeGate(1, 1, Duration.ofMillis(20));
        try (DecodeGate.Permit held = gate.enter()) {
            assertThatThrownBy(gate::enter).isInstanceOf(OverloadedException.class);
            assertThat(gate.queued()).isZero();
        }
        try (DecodeGate.Permit afterwards = gate.enter()) {
            assertThat(afterwards).isNotNull();
        }
    }

    @Test
    void anInterruptedWaiterIsRefusedAndKeepsItsInterruptFlag() throws Exception {
        DecodeGate gate = new DecodeGate(1, 1, LONG);
        DecodeGate.Permit held = gate.enter();
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        CompletableFuture<Boolean> interruptKept = new CompletableFuture<>();
        Thread waiter = Thread.ofVirtual().start(() -> {
            try {
                gate.enter().close();
                failure.complete(null);
            } catch (Throwable t) {
                failure.complete(t);
            }
            interruptKept.complete(Thread.currentThread().isInterrupted());
        });
        awaitQueued(gate, 1);

        waiter.interrupt();

        assertThat(failure.get()).isInstanceOf(OverloadedException.class);
        assertThat(interruptKept.get()).isTrue();
        assertThat(gate.queued()).isZero();
        held.close();
        gate.enter().close();
    }

    @Test
    void slotsAreNotLostWhenRequestsAreRefused() {
        DecodeGate gate = new DecodeGate(2, 0, LONG);
        for (int round = 0; round < 100; round++) {
            DecodeGate.Permit a = gate.enter();
            DecodeGate.Permit b = gate.enter();
            assertThatThrownBy(gate::enter).isInstanceOf(OverloadedException.class);
            a.close();
            b.close();
        }
        DecodeGate.Permit a = gate.enter();
        DecodeGate.Permit b = gate.enter();
        assertThatThrownBy(gate::enter).isInstanceOf(OverloadedException.class);
        a.close();
        b.close();
    }

    /** Waits (without a deadline: the test runner's timeout is the backstop) until {@code n} requests are queued. */
    private static void awaitQueued(DecodeGate gate, int n) throws InterruptedException {
        while (gate.queued() < n) {
            Thread.sleep(1);
        }
    }
}
