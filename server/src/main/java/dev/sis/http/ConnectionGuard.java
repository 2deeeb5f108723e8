package dev.sis.http;

import dev.sis.config.ConnectionLimits;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.NanoTime;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Bounds what connections that send nothing useful can hold: a header deadline, and a cap on
 * open connections that such connections cannot fill.
 *
 * <p>Design note. Jetty closes a connection only after its idle timeout, and a client that sends
 * one header line every few seconds is never idle: 20,000 of them used up the process's file
 * descriptors, and {@code /healthz} could not even be accepted. Jetty 12 has no deadline for a
 * request's headers, so this guard keeps one: the connections that wait for a request's headers
 * — new ones, and kept-alive ones after an answer — are kept in the order they began waiting; a
 * connection leaves that queue when its request reaches the handlers (its headers are complete)
 * and joins its end again when its answer is complete. A sweep closes, from the front, those that
 * waited longer than the header timeout. The cap is Jetty's {@link NetworkConnectionLimit}, which
 * stops accepting at {@code maxConnections}; so that connections sending nothing cannot keep
 * health checks out until their deadline, a connection that opens near the cap (within 2 %)
 * closes the one that has waited longest for its headers. Connections whose requests are in flight are never closed
 * here (their bodies are paced by {@link MinimumBodyRate}); when all are, the server stops
 * accepting until one ends. Thread-safe.
 */
final class ConnectionGuard extends Handler.Wrapper implements Connection.Listener {
    private final long headerTimeoutNanos;
    private final int maxConnections;
    /**
     * Connections open from which a new one closes the longest waiting: a little below the cap,
     * so that under an attack the server keeps accepting instead of pausing at the cap.
     */
    private final int evictFrom;
    /** Connections waiting for a request's headers, with the time they began waiting: oldest first. */
    private final Map<Connection, Long> waiting = new LinkedHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private final Counter timedOut;
    private final Counter evicted;
    private volatile Scheduler.Task sweep;

    ConnectionGuard(Handler handler, ConnectionLimits limits, MeterRegistry meters) {
        super(handler);
        this.headerTimeoutNanos = limits.headerTimeout().toNanos();
        this.maxConnections = limits.maxConnections();
        this.evictFrom = Math.max(1, maxConnections - Math.max(1, maxConnections / 50));
        Gauge.builder("sis.connections.open", open, AtomicInteger::get)
                .description("open HTTP connections").register(meters);
        this.timedOut = Counter.builder("sis.connections.header.timeouts")
                .description("connections closed because a request's headers did not arrive in time").register(meters);
        this.evicted = Counter.builder("sis.connections.evictions")
                .description("connections waiting for headers closed to make room at the connection cap").register(meters);
    }

    /**
     * The server's one connector, HTTP/1.1 on {@code host:port}, watched by this guard and
     * capped at {@code maxConnections}.
     */
    ServerConnector connector(Server server, HttpConfiguration http, String host, int port) {
        // One selector per core (Jetty's default is one per two): cache hits are answered on
        // the selector that parsed them (CachedReads), so with fewer selectors than cores they
        // could not use the whole machine.
        // Buffers handed out zeroed (ZeroedBuffers): a race in Jetty's error path has sent a
        // pooled buffer's stale bytes instead of an error page.
        ServerConnector connector = new ServerConnector(server, null, null, new ZeroedBuffers(server.getByteBufferPool()),
                -1, Runtime.getRuntime().availableProcessors(), new HttpConnectionFactory(http));
        connector.setHost(host);
        connector.setPort(port);
        connector.addBean(this, false); // a Connection.Listener bean: told of every connection
        server.addBean(new NetworkConnectionLimit(maxConnections, connector));
        return connector;
    }

    @Override
    public void onOpened(Connection connection) {
        if (open.incrementAndGet() >= evictFrom) {
            closeLongestWaiting();
        }
        synchronized (waiting) {
            waiting.put(connection, NanoTime.now());
        }
    }

    @Override
    public void onClosed(Connection connection) {
        open.decrementAndGet();
        synchronized (waiting) {
            waiting.remove(connection);
        }
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        Connection connection = request.getConnectionMetaData().getConnection();
        synchronized (waiting) {
            waiting.remove(connection);
        }
        return super.handle(request, response, Callback.from(callback, () -> waitForNext(connection)));
    }

    /** The answer is complete: the connection waits for its next request's headers. */
    private void waitForNext(Connection connection) {
        if (connection.getEndPoint().isOpen()) {
            synchronized (waiting) {
                waiting.put(connection, NanoTime.now());
            }
        }
    }

    private void closeLongestWaiting() {
        Connection longest;
        synchronized (waiting) {
            Iterator<Connection> oldest = waiting.keySet().iterator();
            if (!oldest.hasNext()) {
                return;
            }
            longest = oldest.next();
            oldest.remove();
        }
        evicted.increment();
        longest.close();
    }

    /** Closes the connections that waited for headers longer than the timeout; runs every tick. */
    private void closeLate() {
        List<Connection> late = new ArrayList<>();
        long now = NanoTime.now();
        synchronized (waiting) {
            Iterator<Map.Entry<Connection, Long>> oldest = waiting.entrySet().iterator();
            while (oldest.hasNext()) {
                Map.Entry<Connection, Long> entry = oldest.next();
                if (now - entry.getValue() <= headerTimeoutNanos) {
                    break;
                }
                late.add(entry.getKey());
                oldest.remove();
            }
        }
        for (Connection connection : late) {
            timedOut.increment();
            connection.close();
        }
        scheduleSweep();
    }

    private void scheduleSweep() {
        if (isRunning()) {
            sweep = getServer().getScheduler().schedule(this::closeLate, tickNanos(), TimeUnit.NANOSECONDS);
        }
    }

    /** A tenth of the header timeout, from 100 ms to 1 s: how late past its deadline a connection may be closed. */
    private long tickNanos() {
        return Math.clamp(headerTimeoutNanos / 10, TimeUnit.MILLISECONDS.toNanos(100), TimeUnit.SECONDS.toNanos(1));
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        scheduleSweep();
    }

    @Override
    protected void doStop() throws Exception {
        Scheduler.Task task = sweep;
        if (task != null) {
            task.cancel();
        }
        super.doStop();
    }
}
