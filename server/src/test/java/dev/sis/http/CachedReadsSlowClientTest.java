package dev.sis.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.config.SisConfig;
import dev.sis.config.UploadLimits;
import dev.sis.testing.Multipart;
import dev.sis.testing.TestImages;
import dev.sis.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cache hits are answered on the thread that parsed the request (one of a few selector threads
 * shared by every connection), so nothing there may wait: a client that reads nothing of a
 * large cached original must not hold up anyone else. Were the fast path's write blocking, the
 * selector would sit in that write and every other connection it serves would hang.
 */
@Tag("server-only") // the fast path of the server under test; an agent's is the same code
class CachedReadsSlowClientTest {
    private static final int READERS = 4;
    private static final int READS_EACH = 10;

    @TempDir
    Path dataDir;

    @Test
    void theServerRunsHandlersWhereItParsesRequests() {
        try (TestServer server = TestServer.start(dataDir)) {
            assertThat(server.app().answersWhereParsed()).isTrue();
        }
    }

    @Test
    void aClientThatReadsNothingHoldsUpNoOtherClient() throws Exception {
        // A plain file (no image to encode or decode): 8 MiB, more than the kernel's socket buffers hold.
        try (TestServer server = startTakingPlainFiles()) {
            byte[] large = new byte[8 << 20];
            new Random(18).nextBytes(large);
            String largeMd5 = upload(server, "large.bin", large);
            String thumbMd5 = upload(server, "small.png", TestImages.png(300, 200));
            String original = "/simple_down?md5=" + largeMd5;
            String thumbnail = "/stretch_simple_down?md5=" + thumbMd5 + "&w=30&h=20";
            assertThat(server.client().get(original).body()).hasSize(large.length); // now cached
            assertThat(server.client().get(thumbnail).statusCode()).isEqualTo(200);

            try (Socket stalled = stalledDownload(server.port(), original)) {
                ExecutorService pool = Executors.newFixedThreadPool(READERS);
                try {
                    List<Future<Integer>> readers = new ArrayList<>();
                    for (int i = 0; i < READERS; i++) {
                        readers.add(pool.submit(() -> readThumbnails(server.port(), thumbnail)));
                    }
                    for (Future<Integer> reader : readers) {
                        // A bound so that a blocked selector fails the test instead of hanging it
                        // (a write that blocked it until the idle timeout cut the stalled client
                        // would fail the stalled client's byte count below).
                        assertThat(reader.get(1, TimeUnit.MINUTES)).isEqualTo(READS_EACH);
                    }
                } finally {
                    pool.shutdownNow();
                }
                // The stalled client still gets every byte once it reads.
                assertThat(bodyLength(readAll(stalled.getInputStream()))).isEqualTo(large.length);
            }
        }
    }

    /**
     * A large hit is written on the selector in as many pieces as the socket takes, each after
     * the last one drained: a reader slower than the server still gets every byte, and its
     * connection then carries the next request.
     */
    @Test
    void aSlowReaderGetsEveryByteOfLargeHitsOneAfterAnotherOnOneConnection() throws Exception {
        try (TestServer server = startTakingPlainFiles()) {
            byte[] large = new byte[4 << 20];
            new Random(19).nextBytes(large);
            String original = "/simple_down?md5=" + upload(server, "large.bin", large);
            assertThat(server.client().get(original).body()).isEqualTo(large); // now cached

            try (Socket socket = new Socket()) {
                socket.setReceiveBufferSize(4096);
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()));
                socket.setSoTimeout(60_000);
                DataInputStream in = new DataInputStream(socket.getInputStream());
                for (int i = 0; i < 3; i++) {
                    socket.getOutputStream().write(("GET " + original + " HTTP/1.1\r\nHost: localhost\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    String head = headOf(in);
                    assertThat(head).as("answer %d", i).startsWith("HTTP/1.1 200").contains("Content-Length: " + large.length);
                    byte[] body = new byte[large.length];
                    for (int read = 0; read < body.length; read += 8192) { // slowly, a piece at a time
                        in.readFully(body, read, Math.min(8192, body.length - read));
                        if (read % (256 << 10) == 0) {
                            Thread.sleep(5);
                        }
                    }
                    assertThat(body).as("answer %d", i).isEqualTo(large);
                }
            }
        }
    }

    /** A server whose uploads may be any file, not only images: large bodies without an image's cost. */
    private TestServer startTakingPlainFiles() {
        return TestServer.start(dataDir, c -> new SisConfig(c.server(), c.store(), c.cache(),
                new UploadLimits(UploadLimits.DEFAULT_MAX_REQUEST_BYTES, 50, true), c.image()));
    }

    /** The status line and headers of a raw HTTP/1.1 answer, up to and without the blank line. */
    private static String headOf(DataInputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (head.length() < 4 || !head.substring(head.length() - 4).equals("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed in the headers: " + head);
            }
            head.append((char) b);
        }
        return head.substring(0, head.length() - 4);
    }

    /** A GET whose answer is not read: a receive buffer of a few KiB, so the server's write stalls. */
    private static Socket stalledDownload(int port, String path) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        socket.getOutputStream().write(request(path));
        socket.getOutputStream().flush();
        return socket;
    }

    /** {@link #READS_EACH} thumbnails, each on a new connection, so they land on every selector. */
    private static int readThumbnails(int port, String path) throws IOException {
        int ok = 0;
        for (int i = 0; i < READS_EACH; i++) {
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                socket.getOutputStream().write(request(path));
                byte[] answer = readAll(socket.getInputStream());
                if (new String(answer, 0, 12, StandardCharsets.US_ASCII).equals("HTTP/1.1 200")) {
                    ok++;
                }
            }
        }
        return ok;
    }

    private static byte[] request(String path) {
        return ("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toByteArray();
    }

    /** The bytes after the header block of a raw HTTP/1.1 answer. */
    private static int bodyLength(byte[] answer) {
        for (int i = 3; i < answer.length; i++) {
            if (answer[i - 3] == '\r' && answer[i - 2] == '\n' && answer[i - 1] == '\r' && answer[i] == '\n') {
                return answer.length - i - 1;
            }
        }
        return -1;
    }

    private static String upload(TestServer server, String name, byte[] bytes) {
        HttpResponse<byte[]> answer = server.client().post("/up", new Multipart().file("file", name, bytes));
        assertThat(answer.statusCode()).isEqualTo(200);
        return TestImages.md5Hex(bytes);
    }
}
