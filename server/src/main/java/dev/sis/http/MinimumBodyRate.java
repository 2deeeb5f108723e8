package dev.sis.http;

import java.io.IOException;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.NanoTime;

/**
 * Request bodies must keep coming. A body may take {@code bodyTimeout}, plus one second for each
 * {@code minRate} bytes received (Apache's mod_reqtimeout paces bodies the same way); past that
 * its next read fails with {@link TooSlowException}, which the upload routes answer with 408,
 * and the connection is closed. A client that drips a byte every few seconds is never idle in
 * Jetty's eyes, so without this it held its connection, its request and its upload's memory for
 * as long as it liked; a body that stops altogether is ended by the connector's idle timeout.
 *
 * <p>Jetty 12.1's {@code MinimumDataRateHandler} would not do: it divides the bytes read by all
 * the requests through it by one request's age, so a dripping request passes while others are
 * busy. Only requests that may have a body (a {@code Content-Length} above 0, or chunked) are
 * wrapped. Thread-safe; each request's pace is read and written by the one thread reading it.
 */
final class MinimumBodyRate extends Handler.Wrapper {
    private final long timeoutNanos;
    private final long bytesPerSecond;
    private final LongSupplier nanoClock;

    MinimumBodyRate(Handler handler, Duration timeout, long bytesPerSecond) {
        this(handler, timeout, bytesPerSecond, NanoTime::now);
    }

    /**
     * @param nanoClock a monotonic clock in nanoseconds (Jetty's {@link NanoTime#now()}); a test
     *                  moves its own instead of waiting seconds for a body to be late
     */
    MinimumBodyRate(Handler handler, Duration timeout, long bytesPerSecond, LongSupplier nanoClock) {
        super(handler);
        this.timeoutNanos = timeout.toNanos();
        this.bytesPerSecond = bytesPerSecond;
        this.nanoClock = nanoClock;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        return super.handle(mayHaveBody(request) ? new Paced(request) : request, response, callback);
    }

    private static boolean mayHaveBody(Request request) {
        HttpFields headers = request.getHeaders();
        return headers.contains(HttpHeader.TRANSFER_ENCODING) || headers.getLongField(HttpHeader.CONTENT_LENGTH) > 0;
    }

    /** A body read failed because it came too slowly; the cause of the servlet stream's IOException. */
    static final class TooSlowException extends IOException {
        TooSlowException(String message) {
            super(message);
        }
    }

    private final class Paced extends Request.Wrapper {
        private final long startNanos = nanoClock.getAsLong();
        private long received;
        private Content.Chunk failure;

        Paced(Request request) {
            super(request);
        }

        @Override
        public Content.Chunk read() {
            if (failure == null) {
                Content.Chunk chunk = super.read();
                if (chunk == null || Content.Chunk.isFailure(chunk)) {
                    return chunk;
                }
                received += chunk.remaining();
                if (chunk.isLast() || !late()) {
                    return chunk;
                }
                chunk.release();
                fail();
            }
            return failure;
        }

        @Override
        public void demand(Runnable onContent) {
            if (failure == null && late()) {
                fail();
            }
            if (failure != null) {
                onContent.run(); // the next read() returns the failure
                return;
            }
            super.demand(onContent);
        }

        /** Later than the head start plus one second for each {@code bytesPerSecond} received. */
        private boolean late() {
            double allowed = timeoutNanos + 1e9 * received / bytesPerSecond;
            return nanoClock.getAsLong() - startNanos > allowed;
        }

        private void fail() {
            failure = Content.Chunk.from(new TooSlowException("the request body came too slowly (under "
                    + bytesPerSecond + " bytes a second)"), true);
        }
    }
}
