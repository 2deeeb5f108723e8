package dev.sis.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sis.errors.OverloadedException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Admission by memory: decodes wait until their estimated memory fits the budget. */
class DecodeGateMemoryTest {
    private static final long MIB = 1 << 20;

    @Test
    void aDecodeWaitsUntilItsMemoryFitsAndGoesInWhenMemoryIsReleased() throws Exception {
        DecodeGate gate = new DecodeGate(8, 100 * MIB, 8, Duration.ofMinutes(1));
        DecodeGate.Permit first = gate.enter(60 * MIB);
        assertThat(gate.freeMemoryMiB()).isEqualTo(40);

        CountDownLatch admitted = new CountDownLatch(1);
        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> {
            try (DecodeGate.Permit p = gate.enter(50 * MIB)) {
                admitted.countDown();
            }
        });
        while (gate.queued() == 0) {
            Thread.onSpinWait();
        }
        assertThat(admitted.getCount()).as("50 MiB does not fit beside 60 of 100").isEqualTo(1);

        first.close();
        assertThat(admitted.await(1, TimeUnit.MINUTES)).isTrue();
        second.get(1, TimeUnit.MINUTES);
        assertThat(gate.freeMemoryMiB()).isEqualTo(100);
    }

    @Test
    void smallDecodesShareTheBudget() {
        DecodeGate gate = new DecodeGate(8, 100 * MIB, 0, Duration.ofSeconds(1));
        try (DecodeGate.Permit a = gate.enter(30 * MIB); DecodeGate.Permit b = gate.enter(30 * MIB);
             DecodeGate.Permit c = gate.enter(30 * MIB)) {
            assertThat(gate.freeMemoryMiB()).isEqualTo(10);
            assertThatThrownBy(() -> gate.enter(20 * MIB)).as("no queue: refused at once")
                    .isInstanceOf(OverloadedException.class);
        }
        assertThat(gate.freeMemoryMiB()).isEqualTo(100);
        assertThat(gate.rejections()).isEqualTo(1);
    }

    @Test
    void aDecodeLargerThanTheWholeBudgetRunsAlone() {
        DecodeGate gate = new DecodeGate(8, 100 * MIB, 0, Duration.ofSeconds(1));
        try (DecodeGate.Permit huge = gate.enter(5_000 * MIB)) {
            assertThat(gate.freeMemoryMiB()).isZero();
            assertThatThrownBy(() -> gate.enter(MIB)).isInstanceOf(OverloadedException.class);
        }
        assertThat(gate.freeMemoryMiB()).isEqualTo(100);
    }

    @Test
    void theCountLimitStillApplies() {
        DecodeGate gate = new DecodeGate(1, 100 * MIB, 0, Duration.ofSeconds(1));
        try (DecodeGate.Permit one = gate.enter(MIB)) {
            assertThatThrownBy(() -> gate.enter(MIB)).isInstanceOf(OverloadedException.class);
            assertThat(gate.freeMemoryMiB()).as("a refused decode holds no memory").isEqualTo(99);
        }
    }
}
