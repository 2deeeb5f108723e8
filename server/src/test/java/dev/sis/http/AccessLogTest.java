package dev.sis.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sis.config.AccessLogConfig;
import dev.sis.config.AccessLogTarget;
import dev.sis.config.SisConfig;
import dev.sis.config.SisConfig.LogFormat;
import dev.sis.config.TrustedProxies;
import dev.sis.testing.CapturedLog;
import dev.sis.testing.Eventually;
import dev.sis.testing.Multipart;
import dev.sis.testing.TestImages;
import dev.sis.testing.TestServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The access log on a real server: one line for every answer (including the ones no route makes),
 * with an ISO-8601 time, the client's address, the bytes sent; off, or in a file as JSON; and
 * {@code X-Forwarded-For} believed only from a trusted proxy.
 */
class AccessLogTest {
    private static final Pattern TEXT_LINE = Pattern.compile(
            "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(Z|[+-]\\d\\d:\\d\\d) (\\S+) (\\S+) (\\S+) (\\d{3}) (\\d+) "
                    + "\\d+\\.\\dms id=(\\S+)");
    private static final String MISSING = "/v1/images/" + "0".repeat(32);

    @TempDir
    Path dataDir;
    @TempDir
    Path logDir;
    private CapturedLog logged;

    @BeforeEach
    void captureAccessLog() {
        logged = CapturedLog.of("sis.access");
    }

    @AfterEach
    void release() {
        logged.close();
    }

    @Test
    void everyAnswerHasALineWithTimeClientPathStatusBytesAndId() throws Exception {
        byte[] image = TestImages.png(40, 30);
        String md5 = TestImages.md5Hex(image);
        try (TestServer server = start(new AccessLogTarget.Logger(), TrustedProxies.none(), LogFormat.TEXT)) {
            server.client().post("/v1/images", new Multipart().file("f", "a.png", image));
            HttpResponse<byte[]> missing = server.client().get(MISSING + "?w=10", "X-Request-Id", "req-404");
            server.client().get("/v1/images/" + md5);
            server.client().get("/v1/images/" + md5); // from the memory cache, answered before any route
            String malformed = rawRequest(server.port(), "GET / HTTP/1.1\r\nHost: x\r\nno colon here\r\n\r\n");

            assertThat(malformed).startsWith("HTTP/1.1 400");
            List<Matcher> lines = awaitTextLines(4 + 1);
            assertThat(lines).allSatisfy(m -> assertThat(m.group(2)).isEqualTo("127.0.0.1"));
            Matcher notFound = line(lines, MISSING, "404");
            assertThat(Long.parseLong(notFound.group(6))).as("bytes of the JSON body").isEqualTo(missing.body().length)
                    .isPositive();
            assertThat(notFound.group(7)).isEqualTo("req-404");
            assertThat(lines).filteredOn(m -> m.group(4).equals("/v1/images/" + md5) && m.group(5).equals("200"))
                    .as("both reads, each once").hasSize(2)
                    .allSatisfy(m -> assertThat(Long.parseLong(m.group(6))).isEqualTo(image.length));
            assertThat(lines).filteredOn(m -> m.group(5).equals("400")).as("Jetty's own answer").hasSize(1);
        }
    }

    @Test
    void offWritesNoLine() {
        try (TestServer server = start(new AccessLogTarget.Off(), TrustedProxies.none(), LogFormat.TEXT)) {
            server.client().get(MISSING);
            server.client().get("/healthz");
        }

        assertThat(logged.events()).isEmpty();
    }

    @Test
    void aFileGetsOneJsonObjectPerAnswerAndNothingGoesToTheLogger() throws Exception {
        Path file = logDir.resolve("access.json");
        HttpResponse<byte[]> missing;
        try (TestServer server = start(new AccessLogTarget.ToFile(file), TrustedProxies.none(), LogFormat.JSON)) {
            missing = server.client().get(MISSING + "?token=secret", "X-Request-Id", "req-json");
            server.client().get("/healthz");
        }

        // The last answer may be logged just after the stop (AccessLogFile.offer): wait for it.
        Eventually.await(Duration.ofSeconds(10), "2 lines in " + file, () -> Files.readAllLines(file).size() >= 2);
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(2);
        JsonNode first = new ObjectMapper().readTree(lines.getFirst());
        assertThat(first.get("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(Z|[+-]\\d\\d:\\d\\d)");
        assertThat(first.get("client").asText()).isEqualTo("127.0.0.1");
        assertThat(first.get("method").asText()).isEqualTo("GET");
        assertThat(first.get("path").asText()).isEqualTo(MISSING);
        assertThat(first.get("status").asInt()).isEqualTo(404);
        assertThat(first.get("bytes").asLong()).isEqualTo(missing.body().length);
        assertThat(first.get("ms").isNumber()).isTrue();
        assertThat(first.get("id").asText()).isEqualTo("req-json");
        assertThat(lines).noneMatch(l -> l.contains("secret"));
        assertThat(logged.events()).isEmpty();
    }

    @Test
    void xForwardedForNamesTheClientOnlyWhenATrustedProxySentIt() throws Exception {
        try (TestServer behindProxy = start(new AccessLogTarget.Logger(), TrustedProxies.parse("127.0.0.0/8"),
                LogFormat.TEXT)) {
            behindProxy.client().get("/healthz", "X-Forwarded-For", "1.2.3.4, 203.0.113.9");
            assertThat(awaitTextLines(1).getFirst().group(2)).isEqualTo("203.0.113.9");
        }
        logged.events().clear();
        try (TestServer direct = start(new AccessLogTarget.Logger(), TrustedProxies.parse("10.0.0.0/8"),
                LogFormat.TEXT)) {
            direct.client().get("/healthz", "X-Forwarded-For", "203.0.113.9");
            assertThat(awaitTextLines(1).getFirst().group(2)).isEqualTo("127.0.0.1");
        }
    }

    private TestServer start(AccessLogTarget target, TrustedProxies proxies, LogFormat format) {
        return TestServer.start(dataDir, c -> new SisConfig(
                c.server().withAccessLog(new AccessLogConfig(target, proxies)), c.store(), c.cache(), c.upload(),
                c.image(), c.security(), format, c.imageEngine()));
    }

    /** Jetty logs a request once it is complete, which may be just after the client has its answer. */
    private List<Matcher> awaitTextLines(int count) throws Exception {
        Eventually.await(Duration.ofSeconds(10), count + " access lines", () -> logged.events().size() >= count);
        return logged.messages().stream().map(line -> {
            Matcher m = TEXT_LINE.matcher(line);
            assertThat(m.matches()).as(line).isTrue();
            return m;
        }).toList();
    }

    private static Matcher line(List<Matcher> lines, String path, String status) {
        return lines.stream().filter(m -> m.group(4).equals(path) && m.group(5).equals(status)).findFirst()
                .orElseThrow(() -> new AssertionError("no line for " + path + " " + status));
    }

    private static String rawRequest(int port, String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
