package dev.sis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.Executors;

/**
 * What the embedding tests ask an embedded server, over real HTTP. The client's workers are
 * virtual threads, so that {@link ThreadCensus} sees only the server's threads. Close it to
 * close its connections.
 */
final class EmbeddedClient implements AutoCloseable {
    private final HttpClient http = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor()).build();

    /** Flags for a server on {@code 127.0.0.1:port} keeping its files in {@code dataDir}. */
    static String[] onLoopback(Path dataDir, int port) {
        return new String[] {"-port", Integer.toString(port), "-host", "127.0.0.1", "-image", dataDir.toString(),
                "-shutdown-timeout", "5s"};
    }

    /** {@code PUT /v1/images/NAME}; checks the 201 and returns the MD5 the server answered. */
    String upload(SisServer sis, String name, byte[] bytes) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(sis.uri().resolve("/v1/images/" + name))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        return new ObjectMapper().readTree(answer.body()).get("md5").asText();
    }

    HttpResponse<byte[]> get(SisServer sis, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(sis.uri().resolve(path)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Override
    public void close() {
        http.close();
    }
}
