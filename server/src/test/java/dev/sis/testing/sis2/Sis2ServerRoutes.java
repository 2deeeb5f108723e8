package dev.sis.testing.sis2;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * How a sis 2.0 agent talks to its server (docs/api-legacy.md, "Agent mode"): uploads are handed
 * over with {@code /derect_up} (the MD5 as the part's field name), originals fetched with
 * {@code /simple_down} and {@code /full_down}. Nothing else of the server is used.
 */
final class Sis2ServerRoutes implements Sis2Files, AutoCloseable {
    private static final String BOUNDARY = "sis2StandInAgentBoundary";
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    Sis2ServerRoutes(String base) {
        this.base = base;
    }

    @Override
    public void put(String md5, String name, byte[] bytes) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/derect_up"))
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(Sis2Multipart.onePart(BOUNDARY, md5, name, bytes)))
                .build();
        HttpResponse<String> response = send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("the server answered " + response.statusCode() + ": " + response.body());
        }
    }

    @Override
    public byte[] any(String md5) throws IOException {
        return get("/simple_down?md5=" + encode(md5));
    }

    @Override
    public byte[] named(String md5, String name) throws IOException {
        return get("/full_down?md5=" + encode(md5) + "&file_name=" + encode(name));
    }

    private byte[] get(String pathAndQuery) throws IOException {
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(URI.create(base + pathAndQuery)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        return switch (response.statusCode()) {
            case 200 -> response.body();
            case 404 -> null;
            default -> throw new IOException("the server answered " + response.statusCode());
        };
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body) throws IOException {
        try {
            return http.send(request, body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    @Override
    public void close() {
        http.close();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
