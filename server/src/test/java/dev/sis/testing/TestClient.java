package dev.sis.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** An HTTP client for tests: the JDK's client for ordinary calls, a raw socket for exact wire behaviour. */
public final class TestClient {
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    private final TestServer server;
    private final String[] defaultHeaders;

    TestClient(TestServer server) {
        this(server, new String[0]);
    }

    private TestClient(TestServer server, String[] defaultHeaders) {
        this.server = server;
        this.defaultHeaders = defaultHeaders;
    }

    /** This client, sending {@code headers} (name, value, …) with every request too. */
    public TestClient withHeaders(String... headers) {
        return new TestClient(server, headers);
    }

    public HttpResponse<byte[]> get(String path, String... headers) {
        return send(request(path, headers).GET().build());
    }

    public HttpResponse<byte[]> head(String path, String... headers) {
        return send(request(path, headers).method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
    }

    public HttpResponse<byte[]> method(String method, String path, byte[] body, String... headers) {
        return send(request(path, headers).method(method, HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    public HttpResponse<byte[]> post(String path, Multipart multipart, String... headers) {
        return send(request(path, headers).header("Content-Type", multipart.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(multipart.body())).build());
    }

    public HttpResponse<byte[]> put(String path, byte[] body, String... headers) {
        return send(request(path, headers).PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    private HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(server.url(path))).timeout(Duration.ofSeconds(60));
        if (defaultHeaders.length > 0) {
            builder.headers(defaultHeaders);
        }
        if (headers.length > 0) {
            builder.headers(headers);
        }
        return builder;
    }

    private static HttpResponse<byte[]> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    /** An answer read off a raw socket. */
    public record RawResponse(int status, Map<String, String> headers, byte[] body) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /**
     * Writes the whole request (head and body) before reading anything, as Go's and Java's
     * simple clients do, then reads the answer. Fails if the server reset the connection.
     */
    public RawResponse writeAllThenRead(String method, String path, Map<String, String> headers, InputStream body)
            throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
            headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
            head.append("\r\n");
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            body.transferTo(out);
            out.flush();
            return readResponse(socket.getInputStream());
        }
    }

    /**
     * Sends only the request's head (a client with {@code Expect: 100-continue} waits for the
     * go-ahead before its body) and reads the first answer: {@code 100} if the server asked for
     * the body, else its final answer.
     */
    public RawResponse headThenRead(String method, String path, Map<String, String> headers) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(60_000);
            StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
            headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
            head.append("\r\n");
            socket.getOutputStream().write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return readResponse(socket.getInputStream());
        }
    }

    private static RawResponse readResponse(InputStream in) throws IOException {
        String statusLine = readLine(in);
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        String line;
        while (!(line = readLine(in)).isEmpty()) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        byte[] body;
        if (headers.containsKey("content-length")) {
            body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int size;
            while ((size = Integer.parseInt(readLine(in).split(";")[0].trim(), 16)) > 0) {
                out.writeBytes(in.readNBytes(size));
                readLine(in);
            }
            body = out.toByteArray();
        } else {
            body = in.readAllBytes();
        }
        return new RawResponse(status, headers, body);
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (b != '\r') {
                line.write(b);
            }
        }
        if (b == -1 && line.size() == 0) {
            throw new IOException("connection closed before an answer");
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }
}
