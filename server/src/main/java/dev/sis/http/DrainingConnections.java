package dev.sis.http;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.component.Graceful;

/**
 * Keeps the connections of requests in flight open while the server drains.
 *
 * <p>Design note: at a graceful stop, Jetty's connectors shorten the idle timeout of
 * <em>every</em> connection to their shutdown idle timeout (1 s by default), so that idle
 * keep-alive connections close quickly. That also hits a request whose body is still
 * arriving: a client that goes quiet for more than a second (a slow link, a phone between
 * cells) has its next read fail, and an upload that was meant to be finished within the drain
 * time was answered {@code 400} instead. This handler turns the connectors' blanket shortening
 * off and does it itself, per connection: idle connections get {@link #IDLE_WHILE_DRAINING} at
 * the stop, a connection with a request in flight keeps its normal idle timeout until that
 * request is answered. The drain as a whole is still bounded by the server's stop timeout.
 * Thread-safe.
 */
final class DrainingConnections extends Handler.Wrapper implements Graceful {
    /** How long an idle connection may stay open once the server drains, as Jetty's default. */
    static final Duration IDLE_WHILE_DRAINING = Duration.ofSeconds(1);

    /** Connections with a request in flight, and how many (one at a time for HTTP/1.1). */
    private final Map<EndPoint, Integer> busy = new ConcurrentHashMap<>();
    private volatile boolean draining;

    DrainingConnections(Handler handler) {
        super(handler);
    }

    @Override
    protected void doStart() throws Exception {
        for (Connector connector : getServer().getConnectors()) {
            if (connector instanceof AbstractConnector c) {
                c.setShutdownIdleTimeout(-1); // a negative value: the connector leaves idle timeouts alone
            }
        }
        super.doStart();
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        EndPoint endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
        long normalIdleTimeout = request.getConnectionMetaData().getConnector().getIdleTimeout();
        // compute() makes this and the stop's shortening atomic for one connection.
        busy.compute(endPoint, (e, n) -> {
            if (draining) {
                e.setIdleTimeout(normalIdleTimeout); // shortened a moment ago, as it was idle then
            }
            return n == null ? 1 : n + 1;
        });
        boolean handled = false;
        try {
            handled = super.handle(request, response, Callback.from(callback, () -> finished(endPoint)));
            return handled;
        } finally {
            if (!handled) {
                finished(endPoint);
            }
        }
    }

    private void finished(EndPoint endPoint) {
        busy.compute(endPoint, (e, n) -> {
            if (n == null || n <= 1) {
                if (draining) {
                    e.setIdleTimeout(IDLE_WHILE_DRAINING.toMillis());
                }
                return null;
            }
            return n - 1;
        });
    }

    /** The server stops: idle connections get a short idle timeout, busy ones keep theirs. */
    @Override
    public CompletableFuture<Void> shutdown() {
        draining = true;
        for (Connector connector : getServer().getConnectors()) {
            for (EndPoint endPoint : connector.getConnectedEndPoints()) {
                busy.compute(endPoint, (e, n) -> {
                    if (n == null) {
                        e.setIdleTimeout(IDLE_WHILE_DRAINING.toMillis());
                    }
                    return n;
                });
            }
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public boolean isShutdown() {
        return draining;
    }
}
