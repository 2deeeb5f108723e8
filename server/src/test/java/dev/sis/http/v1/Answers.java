package dev.sis.http.v1;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sis.config.CacheConfig;
import dev.sis.config.ImageLimits;
import dev.sis.config.SisConfig;
import dev.sis.testing.TestClient;
import dev.sis.testing.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** What the /v1 tests check over and over: JSON answers, error bodies, stored files, image formats. */
final class Answers {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Answers() {
    }

    static JsonNode json(HttpResponse<byte[]> response) {
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + TestClient.text(response), e);
        }
    }

    /**
     * Asserts a /v1 error answer: the status, a JSON body of exactly {@code status} and
     * {@code error}, {@code nosniff}, and a message with no internal detail.
     *
     * @return the message
     */
    static String error(HttpResponse<byte[]> response, int status) {
        assertThat(response.statusCode()).as("status of %s", TestClient.text(response)).isEqualTo(status);
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        JsonNode body = json(response);
        assertThat(fields(body)).containsExactlyInAnyOrder("status", "error");
        assertThat(body.get("status").isInt()).isTrue();
        assertThat(body.get("status").intValue()).isEqualTo(status);
        assertThat(body.get("error").isTextual()).isTrue();
        String message = body.get("error").textValue();
        assertClean(message);
        return message;
    }

    /** A message meant for a client: no stack trace, no path, no class name. */
    static void assertClean(String message) {
        assertThat(message).isNotBlank()
                .doesNotContain("/tmp", "junit", ".java", "Exception", "dev.sis", "java.", "\tat ", "\n");
    }

    /** A server whose memory cache is on (the default budget) or off (budget 0: every read goes to disk). */
    static TestServer start(Path dataDir, boolean cached) {
        return cached ? TestServer.start(dataDir) : TestServer.start(dataDir, c -> new SisConfig(c.server(), c.store(),
                new CacheConfig(0, c.cache().policy()), c.upload(), c.image()));
    }

    /** A server with other image limits. */
    static TestServer start(Path dataDir, ImageLimits limits) {
        return TestServer.start(dataDir, c -> new SisConfig(c.server(), c.store(), c.cache(), c.upload(), limits));
    }

    /**
     * A server with exactly this engine, even when the suite runs with {@code sis.test.engine=vips}
     * (the tests of what only one engine does need the other one too).
     */
    static TestServer start(Path dataDir, SisConfig.EngineChoice engine) {
        return start(dataDir, engine, ImageLimits.defaults());
    }

    /** A server with exactly this engine and these image limits. */
    static TestServer start(Path dataDir, SisConfig.EngineChoice engine, ImageLimits limits) {
        SisConfig c = TestServer.defaults(dataDir);
        return TestServer.startWith(new SisConfig(c.server(), c.store(), c.cache(), c.upload(), limits,
                c.security(), c.logFormat(), engine));
    }

    /** PUT {@code name} with {@code bytes}; asserts 201 and returns the answer's one object. */
    static JsonNode put(TestServer server, String name, byte[] bytes) {
        HttpResponse<byte[]> response = server.client().put("/v1/images/" + segment(name), bytes);
        assertThat(response.statusCode()).as(TestClient.text(response)).isEqualTo(201);
        return json(response);
    }

    /** One path segment, percent-encoded (a space as %20). */
    static String segment(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Every regular file under the data directory, staging included. */
    static List<Path> filesUnder(Path dataDir) {
        try (Stream<Path> walk = Files.walk(dataDir)) {
            return walk.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void assertNothingStored(TestServer server) {
        assertThat(filesUnder(server.dataDir())).as("files in the data directory").isEmpty();
    }

    /** The format by its magic number, checked independently of the server's own sniffing. */
    static String formatOf(byte[] bytes) {
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xD8 && (bytes[2] & 0xFF) == 0xFF) {
            return "jpeg";
        }
        if (bytes.length >= 8 && (bytes[0] & 0xFF) == 0x89 && new String(bytes, 1, 3, StandardCharsets.US_ASCII).equals("PNG")) {
            return "png";
        }
        if (bytes.length >= 6 && new String(bytes, 0, 6, StandardCharsets.US_ASCII).matches("GIF8[79]a")) {
            return "gif";
        }
        return "unknown";
    }

    /** The names of a JSON object's fields, in order. */
    static List<String> fields(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static String header(HttpResponse<byte[]> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }
}
