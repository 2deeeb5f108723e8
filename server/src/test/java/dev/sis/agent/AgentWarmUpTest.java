package dev.sis.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.config.SisConfig;
import dev.sis.testing.Eventually;
import dev.sis.testing.TestServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent's start-up warm-up runs on a private local instance: its upstream server receives
 * nothing of it (no upload, no read, no stored file), and the agent's spool stays empty.
 */
class AgentWarmUpTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path serverData;
    @TempDir
    Path spool;

    @Test
    void theWarmUpNeverReachesTheUpstreamServer() throws Exception {
        try (TestServer server = TestServer.startWith(TestServer.defaults(serverData));
             TestServer agent = TestServer.startAgent(spool, server.url(""), c -> withWarmUp(
                     TestServer.withInternalToken(c, server.config().security().internalToken())))) {
            HttpResponse<String> warming = get(agent.url("/readyz"));
            assertThat(warming.statusCode()).isEqualTo(503);
            assertThat(warming.body()).contains("warming up");

            Eventually.await(Duration.ofSeconds(60), "the agent says ready",
                    () -> get(agent.url("/readyz")).statusCode() == 200);

            assertThat(regularFiles(serverData)).as("files on the upstream server").isEmpty();
            assertThat(regularFiles(spool)).as("files in the agent's spool, but for its lock")
                    .allMatch(file -> file.getFileName().toString().endsWith(".lock"));
            // The upstream's request metrics: what an agent asks at any start (its readiness checks
            // and the probe of its dialect), nothing more; an upload would be a PUT of an original.
            Matcher route = Pattern.compile("route=\"([^\"]*)\"").matcher(get(server.url("/metrics")).body());
            Set<String> routes = new TreeSet<>();
            while (route.find()) {
                routes.add(route.group(1));
            }
            assertThat(routes).as("routes the upstream server was asked for").containsOnly("/readyz", "/internal/v1/names/{md5}");
        }
    }

    private static SisConfig withWarmUp(SisConfig c) {
        return new SisConfig(c.server().withWarmUp(Duration.ofSeconds(2)), c.store(), c.cache(), c.upload(), c.image(),
                c.security(), c.logFormat(), c.imageEngine(), c.features());
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<Path> regularFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }
}
