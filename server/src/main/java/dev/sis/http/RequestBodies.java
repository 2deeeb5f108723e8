package dev.sis.http;

import dev.sis.errors.RequestTimeoutException;
import dev.sis.errors.TooLargeException;
import io.javalin.http.Context;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Request bodies, bounded. A body over the limit is refused early from its
 * {@code Content-Length}, or as soon as a streamed body crosses the limit.
 *
 * <p>Before an early refusal the unread body is drained (up to a cap): clients that write the
 * whole request before reading the answer, as Go's and Java's simple clients do, would
 * otherwise have their connection reset while still sending and never see the answer. A client
 * that asked first ({@code Expect: 100-continue}, as curl does above 1 MiB) and is refused by
 * its declared length has sent nothing yet: reading would tell it to go on, so it gets the
 * answer at once instead.
 */
final class RequestBodies {
    private static final long DRAIN_CAP_FACTOR = 4;

    private RequestBodies() {
    }

    /**
     * The body as a stream that fails with {@link TooLargeException} past {@code maxBytes}.
     *
     * @throws TooLargeException when the declared length is over the limit already
     */
    static InputStream limited(Context ctx, long maxBytes) throws IOException {
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBytes) {
            throw new TooLargeException("the request is larger than the limit of " + maxBytes + " bytes");
        }
        return new LimitedInputStream(ctx.req().getInputStream(), maxBytes);
    }

    /**
     * Reads and discards what is left of the body, up to a few times the limit; past that the
     * connection is closed after the answer instead.
     */
    static void drain(Context ctx, long maxBytes) {
        ctx.header("Connection", "close");
        if (waitsForGoAhead(ctx) && ctx.req().getContentLengthLong() > maxBytes) {
            return; // Refused by its length before any read: the body was never asked for.
        }
        long cap = Math.max(maxBytes, 1) * DRAIN_CAP_FACTOR;
        try {
            InputStream in = ctx.req().getInputStream();
            byte[] sink = new byte[8 * 1024];
            long total = 0;
            int n;
            while (total < cap && (n = in.read(sink)) > 0) {
                total += n;
            }
        } catch (IOException | IllegalStateException gone) {
            // The client stopped sending or the body was already consumed: nothing left to drain.
        }
    }

    private static boolean waitsForGoAhead(Context ctx) {
        String expect = ctx.header("Expect");
        return expect != null && expect.trim().equalsIgnoreCase("100-continue");
    }

    private static final class LimitedInputStream extends FilterInputStream {
        private final long maxBytes;
        private long count;

        LimitedInputStream(InputStream in, long maxBytes) {
            super(in);
            this.maxBytes = maxBytes;
        }

        @Override
        public int read() throws IOException {
            int b;
            try {
                b = super.read();
            } catch (IOException e) {
                throw tooSlowOr(e);
            }
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n;
            try {
                n = super.read(buffer, offset, length);
            } catch (IOException e) {
                throw tooSlowOr(e);
            }
            if (n > 0) {
                count(n);
            }
            return n;
        }

        /** A body cut by {@link MinimumBodyRate} is answered 408; any other read failure stays as it is. */
        private static IOException tooSlowOr(IOException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof MinimumBodyRate.TooSlowException slow) {
                    throw new RequestTimeoutException(slow.getMessage());
                }
            }
            return e;
        }

        private void count(int n) {
            count += n;
            if (count > maxBytes) {
                throw new TooLargeException("the request is larger than the limit of " + maxBytes + " bytes");
            }
        }
    }
}
