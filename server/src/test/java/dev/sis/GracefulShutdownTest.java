package dev.sis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.testing.Eventually;
import dev.sis.testing.ServerProcess;
import dev.sis.testing.Signals;
import dev.sis.testing.Slow;
import dev.sis.testing.TestImages;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SIGTERM, SIGINT and SIGHUP stop the real process gracefully: new connections are refused at
 * once, but an upload whose body is still streaming when the signal arrives is read to its end,
 * stored and answered, even from a client that goes quiet for seconds; then the process exits.
 *
 * <p>The server's own deadlines for that request, its body's pace ({@code --body-timeout}) and the
 * stop's wait ({@code --shutdown-timeout}), are set beyond everything this test waits for, with
 * {@link #MARGIN} to spare: on a loaded machine the waits below can add up past the defaults (20 s
 * and 30 s), and the request would be cut for being slow, which is not what is tested here.
 */
@Slow
class GracefulShutdownTest {
    private static final long CLIENT_PAUSE_MILLIS = 2_500;
    /** The longest each wait for the server (the upload streaming, the stop logged, connections refused) may take. */
    private static final Duration AWAIT = Duration.ofSeconds(30);
    private static final Duration MARGIN = Duration.ofSeconds(30);
    /** From the request's start to its end: three waits, the client's pause, and the margin. */
    private static final Duration SERVER_DEADLINE = AWAIT.multipliedBy(3).plusMillis(CLIENT_PAUSE_MILLIS).plus(MARGIN);
    private static final java.util.Map<String, Integer> SIGNAL_NUMBERS = java.util.Map.of("HUP", 1, "INT", 2, "TERM", 15);

    @TempDir
    Path dataDir;

    @ParameterizedTest
    @ValueSource(strings = {"TERM", "INT", "HUP"})
    void inFlightUploadCompletesAfterTheSignal(String signal) throws Exception {
        try (ServerProcess sis = ServerProcess.start(List.of(),
                List.of("-port", "0", "-host", "127.0.0.1", "-image", dataDir.toString(),
                        "--body-timeout", SERVER_DEADLINE.toMillis() + "ms",
                        "--shutdown-timeout", SERVER_DEADLINE.toMillis() + "ms"))) {
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
                awaitUploadStreaming();

                signal(server, signal);
                awaitLogLine(sis, "sis stopping");
                awaitConnectionsRefused(port);
                // A client on a slow link goes quiet for a while: longer than the 1 s to which
                // Jetty shortens every connection's idle timeout at shutdown by default.
                Thread.sleep(CLIENT_PAUSE_MILLIS);
                assertThat(server.isAlive()).as("process waits for the request").isTrue();
                out.write(image, image.length / 2, image.length - image.length / 2);
                out.write(tail);
                out.flush();

                String answer = readAll(socket.getInputStream());
                assertThat(answer).startsWith("HTTP/1.1 200");
                assertThat(answer).contains(TestImages.md5Hex(image));
            }
            assertThat(server.waitFor(30, TimeUnit.SECONDS)).as("process exits after the drain").isTrue();
            int code = server.exitValue();
            assertThat(code).as("the JVM's status for the signal").isEqualTo(128 + SIGNAL_NUMBERS.get(signal));
            assertThat(dev.sis.cli.Usage.text()).as("--help says what a stop by signal exits with")
                    .contains(code + " for SIG" + signal);
            String md5 = TestImages.md5Hex(image);
            assertThat(dataDir.resolve(md5.substring(0, 2)).resolve(md5.substring(2, 4)).resolve(md5).resolve("src/x.png"))
                    .as("the upload was stored").hasBinaryContent(image);
        }
    }

    /**
     * The upload is in flight once the handler has started streaming the file part into the
     * store: its spool file in {@code .staging} exists (it is created when the part begins).
     */
    private void awaitUploadStreaming() throws Exception {
        Path staging = dataDir.resolve(".staging");
        Eventually.await(AWAIT, "the upload reached .staging", () -> hasAnyFile(staging));
    }

    private static boolean hasAnyFile(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isPresent();
        }
    }

    private static void awaitLogLine(ServerProcess sis, String text) throws Exception {
        Eventually.await(AWAIT, "sis logged \"" + text + "\"",
                () -> sis.lines().stream().anyMatch(line -> line.contains(text)));
    }

    /** The stop closes the listening socket a moment after it logs: new connections are refused. */
    private static void awaitConnectionsRefused(int port) throws Exception {
        Eventually.await(AWAIT, "new connections refused", () -> {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return false;
            } catch (ConnectException refused) {
                return true;
            }
        });
    }

    private static void signal(Process server, String signal) {
        Signals.send(server.pid(), signal);
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
