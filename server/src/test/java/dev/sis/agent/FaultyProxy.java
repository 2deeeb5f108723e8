package dev.sis.agent;

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
 * A TCP proxy on loopback between an agent and its server that misbehaves on demand: passes
 * bytes through, delays the server's answers, hangs (swallows requests, never answers), resets
 * connections (RST) as a request arrives or part-way through an answer, or stalls part-way
 * through an answer. The fault is looked up for every chunk, so it applies to pooled
 * connections too. Close it to drop every connection.
 */
final class FaultyProxy implements AutoCloseable {
    enum Fault { NONE, DELAY, HANG, RESET, RESET_MID_ANSWER, STALL_MID_ANSWER }

    /** Bytes of an answer passed on before a mid-answer fault strikes. */
    static final int MID_ANSWER_BYTES = 16 * 1024;

    private final ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    private final int targetPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicLong connections = new AtomicLong();
    private volatile Fault fault = Fault.NONE;
    private volatile long delayMillis;

    FaultyProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        Thread.ofVirtual().start(this::accept);
    }

    int port() {
        return listener.getLocalPort();
    }

    String url() {
        return "http://127.0.0.1:" + port();
    }

    void fault(Fault fault) {
        this.fault = fault;
    }

    void delay(long millis) {
        this.delayMillis = millis;
        this.fault = Fault.DELAY;
    }

    long connections() {
        return connections.get();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                connections.incrementAndGet();
                sockets.add(client);
                Thread.ofVirtual().start(() -> serve(client));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort)) {
            sockets.add(server);
            Thread upstream = Thread.ofVirtual().start(() -> requests(client, server));
            answers(server, client);
            upstream.join();
        } catch (IOException | InterruptedException gone) {
            closeQuietly(client);
        }
    }

    /** Agent → server: requests pass, are swallowed (hang) or reset the connection. */
    private void requests(Socket client, Socket server) {
        byte[] buffer = new byte[8192];
        try (InputStream in = client.getInputStream(); OutputStream out = server.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                switch (fault) {
                    case HANG -> { }
                    case RESET -> {
                        reset(client, server);
                        return;
                    }
                    default -> {
                        out.write(buffer, 0, n);
                        out.flush();
                    }
                }
            }
        } catch (IOException gone) {
            closeQuietly(server);
        }
    }

    /** Server → agent: answers pass, are delayed, or are cut off or stalled part-way. */
    private void answers(Socket server, Socket client) {
        byte[] buffer = new byte[4096];
        long passed = 0;
        try (InputStream in = server.getInputStream(); OutputStream out = client.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                Fault now = fault;
                if (now == Fault.DELAY) {
                    Thread.sleep(delayMillis);
                }
                if ((now == Fault.RESET_MID_ANSWER || now == Fault.STALL_MID_ANSWER) && passed >= MID_ANSWER_BYTES) {
                    if (now == Fault.RESET_MID_ANSWER) {
                        reset(client, server);
                        return;
                    }
                    continue;
                }
                if (now == Fault.HANG) {
                    continue;
                }
                out.write(buffer, 0, n);
                out.flush();
                passed += n;
            }
        } catch (IOException | InterruptedException gone) {
            closeQuietly(client);
        }
    }

    /** Closes both sides with an RST instead of a FIN. */
    private static void reset(Socket client, Socket server) {
        for (Socket s : List.of(client, server)) {
            try {
                s.setSoLinger(true, 0);
                s.close();
            } catch (IOException ignored) {
                // Already gone.
            }
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Already gone.
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        sockets.forEach(FaultyProxy::closeQuietly);
    }
}
