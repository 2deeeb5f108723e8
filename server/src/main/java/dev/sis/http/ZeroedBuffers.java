package dev.sis.http;

import java.lang.foreign.MemorySegment;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.io.RetainableByteBuffer;

/**
 * Jetty's buffer pool, but every buffer it hands out holds zeros: nothing of the request or
 * answer that used it before.
 *
 * <p>Design note: Jetty 12.1.13 has been seen to send, instead of its error page for a request
 * its parser refuses from a client that has already half-closed, a pooled buffer's unwritten
 * part: another request's bytes (docs/reliability.md, "Garbage traffic"). The race is in Jetty's
 * bad-message path, before any handler; while it is there, a buffer zeroed when handed out can
 * only ever leak zeros. Clearing 8-16 KiB costs about a microsecond, for a request that costs
 * Jetty and sis tens (docs/performance.md).
 */
final class ZeroedBuffers extends ByteBufferPool.Wrapper {
    ZeroedBuffers(ByteBufferPool pool) {
        super(pool);
    }

    @Override
    public RetainableByteBuffer.Mutable acquire(int size, boolean direct) {
        RetainableByteBuffer.Mutable buffer = super.acquire(size, direct);
        // The whole capacity, not only the part in use: a race that sends the buffer in the
        // wrong mode sends up to its capacity.
        MemorySegment.ofBuffer(buffer.getByteBuffer().duplicate().clear()).fill((byte) 0);
        return buffer;
    }
}
