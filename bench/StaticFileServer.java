// A ceiling for the cached-original row of bench/run.sh: the least a Java process can do to send
// one file over HTTP/1.1 keep-alive, with none of sis's work (no Jetty, no routes, no cache, no
// access log). One non-blocking selector thread per core, each with its own listening socket on
// the same port (SO_REUSEPORT, as nginx's workers share the load); every GET gets the whole file.
//   MODE=sendfile: the body goes with FileChannel.transferTo, which is sendfile(2) on Linux,
//                  from the file's pages (put the file on tmpfs, e.g. /dev/shm, to keep it there)
//   MODE=write:    the body is in native memory and goes with one gathering write with the
//                  headers, as sis writes a cached entry through Jetty (a copy into the socket)
// Usage: java bench/StaticFileServer.java PORT FILE MODE [THREADS]
//        (bench/original-ceiling.sh runs it beside nginx and sis and prints the ratios)

import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

public class StaticFileServer {
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        Path file = Path.of(args[1]);
        boolean sendfile = switch (args[2]) {
            case "sendfile" -> true;
            case "write" -> false;
            default -> throw new IllegalArgumentException("MODE is sendfile or write, not " + args[2]);
        };
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : Runtime.getRuntime().availableProcessors();
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        long size = channel.size();
        ByteBuffer inMemory = ByteBuffer.allocateDirect((int) size).put(Files.readAllBytes(file)).flip();
        byte[] head = ("HTTP/1.1 200 OK\r\nContent-Type: image/jpeg\r\nContent-Length: " + size
                + "\r\nETag: \"ceiling\"\r\nCache-Control: public, max-age=31536000, immutable\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        for (int t = 0; t < threads; t++) {
            ServerSocketChannel server = ServerSocketChannel.open();
            server.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            server.bind(new InetSocketAddress("127.0.0.1", port), 1024);
            Thread.ofPlatform().name("worker-" + t).start(() -> serve(server, channel, sendfile ? null : inMemory, head));
        }
        System.out.println("serving " + file + " (" + size + " bytes) on 127.0.0.1:" + port + " by " + args[2]);
    }

    /** One connection's answer in progress. */
    private static final class Answer {
        final ByteBuffer request = ByteBuffer.allocate(4096);
        ByteBuffer head;
        ByteBuffer body;   // MODE=write: a view of the bytes in memory
        long sent = -1;    // MODE=sendfile: bytes of the file sent; -1 when idle
    }

    private static void serve(ServerSocketChannel server, FileChannel file, ByteBuffer inMemory, byte[] head) {
        try (Selector selector = Selector.open()) {
            server.configureBlocking(false);
            server.register(selector, SelectionKey.OP_ACCEPT);
            long size = file.size();
            while (true) {
                selector.select();
                for (SelectionKey key : selector.selectedKeys()) {
                    try {
                        if (key.isAcceptable()) {
                            SocketChannel client = server.accept();
                            if (client != null) {
                                client.configureBlocking(false);
                                client.setOption(StandardSocketOptions.TCP_NODELAY, true);
                                client.register(selector, SelectionKey.OP_READ, new Answer());
                            }
                            continue;
                        }
                        SocketChannel client = (SocketChannel) key.channel();
                        Answer answer = (Answer) key.attachment();
                        if (key.isReadable() && answer.sent < 0) {
                            if (client.read(answer.request) < 0) {
                                key.cancel();
                                client.close();
                                continue;
                            }
                            if (!endsRequest(answer.request)) {
                                continue;
                            }
                            answer.request.clear();
                            answer.head = ByteBuffer.wrap(head);
                            answer.body = inMemory == null ? null : inMemory.duplicate();
                            answer.sent = 0;
                        }
                        if (answer.sent >= 0 && send(client, file, size, answer)) {
                            answer.sent = -1;
                            key.interestOps(SelectionKey.OP_READ);
                        } else if (answer.sent >= 0) {
                            key.interestOps(SelectionKey.OP_WRITE);
                        }
                    } catch (java.io.IOException closed) {
                        key.cancel();
                        key.channel().close();
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (java.io.IOException failed) {
            throw new java.io.UncheckedIOException(failed);
        }
    }

    /** Sends what the socket takes; true when the whole answer is out. */
    private static boolean send(SocketChannel client, FileChannel file, long size, Answer answer) throws java.io.IOException {
        if (answer.body != null) {
            client.write(new ByteBuffer[] {answer.head, answer.body});
            return !answer.head.hasRemaining() && !answer.body.hasRemaining();
        }
        if (answer.head.hasRemaining() && client.write(answer.head) >= 0 && answer.head.hasRemaining()) {
            return false;
        }
        while (answer.sent < size) {
            long n = file.transferTo(answer.sent, size - answer.sent, client);
            if (n <= 0) {
                return false;
            }
            answer.sent += n;
        }
        return true;
    }

    /** Whether the bytes read so far end with the blank line that ends a GET's headers. */
    private static boolean endsRequest(ByteBuffer request) {
        int end = request.position();
        return end >= 4 && request.get(end - 4) == '\r' && request.get(end - 3) == '\n'
                && request.get(end - 2) == '\r' && request.get(end - 1) == '\n';
    }
}
