package dev.sis.client;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sis.client.Failures.Operation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Objects;

/**
 * A client of one sis server: upload, download (originals and variants), info, delete, and
 * signed variant URLs. Made by {@link #builder(String)}; speaks the /v1 API, or sis 2.0's
 * routes in {@link ApiMode#LEGACY} mode.
 *
 * <pre>{@code
 * try (SisClient sis = SisClient.builder("http://localhost:3333").uploadToken(token).build()) {
 *     UploadedImage cat = sis.upload(Upload.of(Path.of("cat.jpg")));
 *     byte[] thumb = sis.download(cat.id(), Variant.ofSize(300, 200).withFit(Fit.COVER));
 * }
 * }</pre>
 *
 * <p>Every failure the server reports is a subclass of {@link SisClientException}; bad arguments
 * are {@link IllegalArgumentException}s thrown before anything is sent. Immutable and
 * thread-safe: one client may serve any number of threads. {@link #close()} closes the HTTP
 * client it made (never one given to the builder).
 */
public final class SisClient implements AutoCloseable {
    /** The most of an error answer that is read: enough for any message. */
    private static final int MAX_ERROR_BODY = 64 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final URI base;
    private final ClientSettings settings;
    private final Routes routes;
    private final HttpClient http;
    private final boolean ownsHttp;

    SisClient(URI base, ClientSettings settings, HttpClient http, boolean ownsHttp) {
        this.base = base;
        this.settings = settings;
        this.routes = Routes.of(settings.mode());
        this.http = http;
        this.ownsHttp = ownsHttp;
    }

    /** @param baseUri the server, like {@code http://localhost:3333} (a path prefix is kept) */
    public static SisClientBuilder builder(String baseUri) {
        Objects.requireNonNull(baseUri, "baseUri");
        try {
            return new SisClientBuilder(new URI(baseUri));
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException(SisClientBuilder.NOT_A_SERVER + ", got \"" + baseUri + "\" ("
                    + e.getReason() + ")", e);
        }
    }

    public static SisClientBuilder builder(URI baseUri) {
        return new SisClientBuilder(baseUri);
    }

    /** Uploads one file (with the upload token, if set). */
    public UploadedImage upload(Upload upload) {
        return upload(List.of(Objects.requireNonNull(upload, "upload"))).getFirst();
    }

    /**
     * Uploads files in one request, streamed. The server stores all of them or, when it refuses
     * one, none.
     *
     * @return what was stored, in the order of {@code uploads}
     */
    public List<UploadedImage> upload(List<Upload> uploads) {
        if (uploads.isEmpty()) {
            throw new IllegalArgumentException("nothing to upload");
        }
        try {
            MultipartBody body = new MultipartBody(uploads);
            HttpRequest.Builder request = request(routes.upload()).header("Content-Type", body.contentType())
                    .POST(body.publisher());
            settings.uploadToken().ifPresent(token -> request.header("Authorization", "Bearer " + token));
            return readJson(send(Operation.UPLOAD, request.build()), routes::uploaded);
        } finally {
            uploads.forEach(Upload::release);
        }
    }

    /** The original's bytes. */
    public byte[] download(ImageId id) {
        return download(id, null);
    }

    /** The variant's bytes, or the original's when {@code variant} is null. */
    public byte[] download(ImageId id, Variant variant) {
        try (InputStream in = openStream(id, variant)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw Failures.noAnswer("GET " + url(id, variant), base, e);
        }
    }

    /**
     * The variant (or the original, when {@code variant} is null) as a stream, read as it
     * arrives. The caller closes it.
     */
    public InputStream openStream(ImageId id, Variant variant) {
        Operation op = variant == null ? Operation.ORIGINAL : Operation.VARIANT;
        return send(op, HttpRequest.newBuilder(url(id, variant)).timeout(settings.requestTimeout()).GET().build()).body();
    }

    /**
     * Saves the variant (or the original) to {@code target}, replacing it: the bytes go to a
     * temporary file beside it that is renamed at the end, so {@code target} is never partial.
     *
     * @return the number of bytes written
     */
    public long downloadTo(ImageId id, Variant variant, Path target) {
        Path dir = target.toAbsolutePath().getParent();
        try (InputStream in = openStream(id, variant)) {
            // Not createTempFile: its owner-only permissions would stay on the saved file.
            Path temp = Files.createFile(dir.resolve(".sis-download-" + java.util.UUID.randomUUID() + ".part"));
            try {
                long bytes = Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                return bytes;
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save " + id + " to " + target + ": " + e.getMessage(), e);
        }
    }

    /** What the server knows of the image with this MD5 (/v1 only). */
    public ImageInfo info(String md5) {
        String path = routes.info(md5);
        return readJson(send(Operation.INFO, request(path).GET().build()), json -> JSON.convertValue(json, ImageInfo.class));
    }

    /**
     * Deletes an image: every name of the MD5 and its variants, or only the name given (the
     * variants go with the last name). Needs the admin token (/v1 only).
     *
     * @throws ImageNotFoundException when there was nothing to delete
     */
    public void delete(ImageId id) {
        HttpRequest.Builder request = request(routes.delete(id)).DELETE();
        settings.adminToken().ifPresent(token -> request.header("Authorization", "Bearer " + token));
        try (InputStream ignored = send(Operation.DELETE, request.build()).body()) {
            // 204: nothing to read.
        } catch (IOException e) {
            throw Failures.noAnswer("DELETE " + uri(routes.delete(id)), base, e);
        }
    }

    /** The URL of an original or variant, signed when this client has the signing key. */
    public URI url(ImageId id, Variant variant) {
        String pathAndQuery = routes.download(Objects.requireNonNull(id, "id"), variant);
        return uri(variant != null && settings.signature().isPresent()
                ? settings.signature().get().signUrl(pathAndQuery) : pathAndQuery);
    }

    /**
     * The signed URL of a variant, to hand to a browser or another program.
     *
     * @throws IllegalStateException when the builder was given no signing key
     */
    public URI signedUrl(ImageId id, Variant variant) {
        UrlSignature signature = settings.signature()
                .orElseThrow(() -> new IllegalStateException("no signing key: give it to the builder (signingKey)"));
        return uri(signature.signUrl(routes.download(Objects.requireNonNull(id, "id"), Objects.requireNonNull(variant, "variant"))));
    }

    public URI baseUri() {
        return base;
    }

    public ApiMode mode() {
        return settings.mode();
    }

    @Override
    public void close() {
        if (ownsHttp) {
            http.close();
        }
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(uri(pathAndQuery)).timeout(settings.requestTimeout());
    }

    private URI uri(String pathAndQuery) {
        String prefix = base.toString().endsWith("/") ? base.toString().substring(0, base.toString().length() - 1) : base.toString();
        return URI.create(prefix + pathAndQuery);
    }

    /** Sends and returns a success; an error answer or none becomes a {@link SisClientException}. */
    private HttpResponse<InputStream> send(Operation op, HttpRequest request) {
        String described = request.method() + " " + request.uri();
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw Failures.noAnswer(described, base, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectionFailedException(described + ": interrupted", e);
        }
        if (response.statusCode() / 100 == 2) {
            return response;
        }
        byte[] body;
        try (InputStream in = response.body()) {
            body = in.readNBytes(MAX_ERROR_BODY);
        } catch (IOException e) {
            body = new byte[0];
        }
        throw Failures.fromAnswer(op, settings.mode(), described, response.statusCode(),
                response.headers().firstValue("Retry-After"), body);
    }

    /** A success's JSON body; anything else is a server that does not speak sis. */
    private static <T> T readJson(HttpResponse<InputStream> response, java.util.function.Function<JsonNode, T> reader) {
        try (InputStream in = response.body()) {
            return reader.apply(JSON.readTree(in));
        } catch (IOException | IllegalArgumentException e) {
            throw new ServerErrorException(response.request().method() + " " + response.request().uri()
                    + ": the answer is not the JSON sis sends (" + e.getMessage() + ")", response.statusCode(), "");
        }
    }

    @Override
    public String toString() {
        return "SisClient[" + base + ", " + settings.mode() + "]";
    }
}
