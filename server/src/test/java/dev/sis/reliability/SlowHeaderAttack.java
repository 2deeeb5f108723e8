package dev.sis.reliability;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keeps {@code count} connections to a server that send a request's headers one line at a time,
 * a line every {@link #PERIOD} on each, so that none is ever idle for long; a connection the
 * server closes is opened again, as an attacker would. Runs on one thread until closed.
 */
final class SlowHeaderAttack implements AutoCloseable {
    static final Duration PERIOD = Duration.ofSeconds(2);
    private static final byte[] REQUEST_LINE = "GET / HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HEADER_LINE = "X-Slow: 1\r\n".getBytes(StandardCharsets.US_ASCII);

    private final InetSocketAddress server;
    private final Socket[] sockets;
    private final AtomicInteger opened = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final Thread thread;
    private volatile boolean running = true;

    private SlowHeaderAttack(int port, int count) {
        this.server = new InetSocketAddress("127.0.0.1", port);
        this.sockets = new Socket[count];
        this.thread = Thread.ofPlatform().daemon().name("slow-header-attack").start(this::run);
    }

    /** Starts the attack and returns once every connection was tried once. */
    static SlowHeaderAttack start(int port, int count) throws InterruptedException {
        SlowHeaderAttack attack = new SlowHeaderAttack(port, count);
        while (attack.opened.get() + attack.refused.get() < count && attack.thread.isAlive()) {
            Thread.sleep(10);
        }
        return attack;
    }

    private void run() {
        while (running) {
            long next = System.nanoTime() + PERIOD.toNanos();
            for (int i = 0; i < sockets.length && running; i++) {
                if (sockets[i] == null || !send(sockets[i], HEADER_LINE)) {
                    sockets[i] = open();
                }
            }
            long wait = next - System.nanoTime();
            if (wait > 0) {
                try {
                    Thread.sleep(Duration.ofNanos(wait));
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }
    }

    private Socket open() {
        Socket socket = new Socket();
        try {
            socket.connect(server, 1_000);
            if (send(socket, REQUEST_LINE)) {
                opened.incrementAndGet();
                return socket;
            }
        } catch (IOException e) {
            // Not accepted in time (the server's backlog is full), or reset.
        }
        refused.incrementAndGet();
        closeQuietly(socket);
        return null;
    }

    private static boolean send(Socket socket, byte[] bytes) {
        try {
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().flush();
            return true;
        } catch (IOException closedByServer) {
            closeQuietly(socket);
            return false;
        }
    }

    /** Connections opened so far, reopened ones included. */
    int opened() {
        return opened.get();
    }

    /** Connections that could not be opened (not accepted within a second). */
    int refused() {
        return refused.get();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join();
        for (Socket socket : sockets) {
            closeQuietly(socket);
        }
    }

    private static void closeQuietly(Socket socket) {
        if (socket == null) {
            return;
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closed already.
        }
    }
}
