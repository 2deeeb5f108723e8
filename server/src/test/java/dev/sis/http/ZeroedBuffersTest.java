package dev.sis.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.eclipse.jetty.io.ArrayByteBufferPool;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.io.RetainableByteBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A buffer handed out again holds zeros over its whole capacity, not what its last user wrote. */
class ZeroedBuffersTest {
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aReusedBufferHoldsNothingOfItsLastUse(boolean direct) {
        ArrayByteBufferPool jettys = new ArrayByteBufferPool();
        // Jetty's own pool hands the same buffer back with its old bytes: what the wrapper is for.
        assertThat(reusedAfterSecretWritten(jettys, direct).secretLeft()).isTrue();

        Reuse zeroed = reusedAfterSecretWritten(new ZeroedBuffers(new ArrayByteBufferPool()), direct);

        assertThat(zeroed.sameMemory()).as("the pool reused the buffer").isTrue();
        assertThat(zeroed.secretLeft()).isFalse();
        assertThat(zeroed.allZero()).isTrue();
    }

    private record Reuse(boolean sameMemory, boolean secretLeft, boolean allZero) {
    }

    private static Reuse reusedAfterSecretWritten(ByteBufferPool pool, boolean direct) {
        RetainableByteBuffer.Mutable first = pool.acquire(8192, direct);
        ByteBuffer used = first.getByteBuffer();
        ByteBuffer whole = used.duplicate().clear();
        byte[] secret = new byte[whole.capacity()];
        Arrays.fill(secret, (byte) 'x');
        whole.put(secret);
        Object memory = direct ? MemorySegment.ofBuffer(whole.duplicate().clear()).address() : used.array();
        first.release();

        RetainableByteBuffer.Mutable second = pool.acquire(8192, direct);
        ByteBuffer again = second.getByteBuffer().duplicate().clear();
        boolean sameMemory = direct ? memory.equals(MemorySegment.ofBuffer(again).address()) : again.array() == memory;
        byte[] content = new byte[again.capacity()];
        again.get(content);
        second.release();
        boolean secretLeft = false;
        boolean allZero = true;
        for (byte b : content) {
            secretLeft |= b == 'x';
            allZero &= b == 0;
        }
        return new Reuse(sameMemory, secretLeft, allZero);
    }
}
