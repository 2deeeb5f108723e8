package dev.sis.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP forwarder on loopback between a client and a server, which can cut the connection in
 * the middle of a request: once {@link #cutAfter armed}, the connection that carries that many
 * more bytes towards the server is closed at once on both sides, as when a server dies
 * mid-upload. Later connections are forwarded again (or closed at once while the server does not
 * accept them). Close it after the test.
 */
public final class CuttingProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final int targetPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicLong budget = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong cuts = new AtomicLong();
    private volatile Runnable beforeCut = () -> { };

    public CuttingProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(this::accept);
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Cuts the connection that carries the next {@code bytes} bytes towards the server. */
    public void cutAfter(long bytes) {
        cutAfter(bytes, () -> { });
    }

    /**
     * As {@link #cutAfter(long)}, running {@code beforeCut} first, on the forwarding thread, while
     * the bytes over the budget are held back: e.g. to stop the server itself, so that nothing
     * reaches it between the cut and the client's retries.
     */
    public void cutAfter(long bytes, Runnable beforeCut) {
        this.beforeCut = beforeCut;
        budget.set(bytes);
    }

    /** How many connections were cut. */
    public long cuts() {
        return cuts.get();
    }

    private void accept() {
        while (!listener.isClosed()) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException closed) {
                return;
            }
            try {
                Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                sockets.add(client);
                sockets.add(server);
                Thread.ofVirtual().start(() -> pump(client, server, true));
                Thread.ofVirtual().start(() -> pump(server, client, false));
            } catch (IOException serverDown) {
                closeQuietly(client); // as the server would if it were reached directly: no answer
            }
        }
    }

    private void pump(Socket from, Socket to, boolean towardsServer) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                if (towardsServer && budget.addAndGet(-n) < 0) {
                    budget.set(Long.MAX_VALUE);
                    beforeCut.run();
                    cuts.incrementAndGet();
                    from.setSoLinger(true, 0); // a reset, as from a dead peer
                    from.close();
                    to.close();
                    return;
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException ended) {
            // One side closed: close the other.
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Already closed.
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        sockets.forEach(CuttingProxy::closeQuietly);
    }
}
