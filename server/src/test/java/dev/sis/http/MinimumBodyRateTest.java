package dev.sis.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.testing.Eventually;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The body pace of {@link MinimumBodyRate} on a real Jetty server, with a clock the test moves:
 * a second of head start, then one second more for each 1000 bytes received. Seconds of lateness
 * cost no waiting here; {@code reliability.SlowClientsTest} drips real bodies at a real server.
 */
class MinimumBodyRateTest {
    private static final int DECLARED = 5_000;
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final AtomicLong bodyBytesRead = new AtomicLong();
    private Server server;
    private int port;

    @BeforeEach
    void start() throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new MinimumBodyRate(new CountingReader(), Duration.ofSeconds(1), 1000, nanos::get));
        server.start();
        port = connector.getLocalPort();
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }

    @Test
    void aBodyPastItsHeadStartIsServedWhileItsBytesBoughtTheTime() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            sendFirst4000Bytes(socket);

            advance(Duration.ofMillis(4_500)); // past the 1 s head start; 4000 bytes allow 5 s
            sendBody(socket, DECLARED - 4_000);

            assertThat(statusLine(socket)).isEqualTo("HTTP/1.1 200 OK");
        }
    }

    @Test
    void aBodySlowerThanTheRateIsRefusedAt408() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            sendFirst4000Bytes(socket);

            advance(Duration.ofSeconds(7)); // 4500 bytes allow 5.5 s
            sendBody(socket, 500);

            assertThat(statusLine(socket)).startsWith("HTTP/1.1 408 ");
        }
    }

    /** The head and 4000 bytes of the body, returning once the server has read them all. */
    private void sendFirst4000Bytes(Socket socket) throws Exception {
        sendHead(socket);
        sendBody(socket, 4_000);
        Eventually.await(Duration.ofSeconds(30), "4000 bytes read", () -> bodyBytesRead.get() == 4_000);
    }

    private void advance(Duration by) {
        nanos.addAndGet(by.toNanos());
    }

    private void sendHead(Socket socket) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(("POST /up HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: " + DECLARED + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    private static void sendBody(Socket socket, int bytes) throws IOException {
        socket.getOutputStream().write(new byte[bytes]);
        socket.getOutputStream().flush();
    }

    private static String statusLine(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != -1 && c != '\r'; c = in.read()) {
            line.append((char) c);
        }
        return line.toString();
    }

    /** Reads the whole body, counting as it goes, and answers 200, or 408 when the pace failed it. */
    private final class CountingReader extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            byte[] buffer = new byte[512];
            try (InputStream body = Content.Source.asInputStream(request)) {
                for (int n = body.read(buffer); n != -1; n = body.read(buffer)) {
                    bodyBytesRead.addAndGet(n);
                }
                response.setStatus(200);
            } catch (IOException e) {
                response.setStatus(e instanceof MinimumBodyRate.TooSlowException
                        || e.getCause() instanceof MinimumBodyRate.TooSlowException ? 408 : 500);
            }
            response.write(true, null, callback);
            return true;
        }
    }
}
