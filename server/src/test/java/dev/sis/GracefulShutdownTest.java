package dev.sis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.testing.ServerProcess;
import dev.sis.testing.TestImages;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SIGTERM, SIGINT and SIGHUP stop the real process gracefully: a request in flight when the
 * signal arrives still completes and is answered, then the process exits.
 */
class GracefulShutdownTest {
    @TempDir
    Path dataDir;

    @ParameterizedTest
    @ValueSource(strings = {"TERM", "INT", "HUP"})
    void inFlightUploadCompletesAfterTheSignal(String signal) throws Exception {
        try (ServerProcess sis = ServerProcess.start(List.of(),
                List.of("-port", "0", "-host", "127.0.0.1", "-image", dataDir.toString()))) {
            Process server = sis.process();
            int port = sis.port();
            byte[] image = TestImages.png(64, 64);
            String boundary = "b0undary";
            byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"f\"; filename=\"x.png\"\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8);
            byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
            int length = head.length + image.length + tail.length;

            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.setSoTimeout(30_000);
                OutputStream out = socket.getOutputStream();
                out.write(("POST /up HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/form-data; boundary=" + boundary
                        + "\r\nContent-Length: " + length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.write(head);
                out.write(image, 0, image.length / 2);
                out.flush();
                awaitRequestInFlight();

                signal(server, signal);
                assertThat(server.waitFor(500, TimeUnit.MILLISECONDS)).as("process waits for the request").isFalse();
                out.write(image, image.length / 2, image.length - image.length / 2);
                out.write(tail);
                out.flush();

                String answer = readAll(socket.getInputStream());
                assertThat(answer).startsWith("HTTP/1.1 200");
                assertThat(answer).contains(TestImages.md5Hex(image));
            }
            assertThat(server.waitFor(30, TimeUnit.SECONDS)).as("process exits after the drain").isTrue();
        }
    }

    /** The request has reached the server once its headers are sent; give the handler a moment to start. */
    private static void awaitRequestInFlight() throws InterruptedException {
        Thread.sleep(300);
    }

    private static void signal(Process server, String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", "-s", signal, Long.toString(server.pid())).start();
        assertThat(kill.waitFor()).isZero();
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
