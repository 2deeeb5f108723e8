package dev.sis.storage.remote;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sis.config.UpstreamConfig;
import dev.sis.errors.ForbiddenException;
import dev.sis.errors.UpstreamException.Kind;
import dev.sis.storage.RemoteStoreException;
import dev.sis.model.FileName;
import dev.sis.model.Md5;
import dev.sis.storage.Blob;
import dev.sis.storage.ImageStore;
import dev.sis.storage.OpenedFile;
import dev.sis.storage.SpoolDirectory;
import dev.sis.storage.StoredFile;
import dev.sis.storage.VariantKey;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * An agent's store: the files are kept by an upstream sis server, reached over its internal
 * routes ({@code /internal/v1/…}, see {@code http.InternalRoutes}). Uploads go to the server
 * from the agent's memory when they were small enough to be kept there, else from its spool file;
 * the server which recomputes the MD5 and confirms before a put
 * returns; nothing is acknowledged that the server did not store. The agent keeps no image
 * file of its own. Without the internal token it neither deletes nor stores variants (a server
 * refuses both to anyone without it): the variants it makes stay in the agent's memory cache.
 * Failures surface as {@link RemoteStoreException} (502/503/504). Thread-safe.
 * {@link #close()} ends its threads and removes its spool folder; it is for after the last request.
 */
public final class RemoteImageStore implements ImageStore, AutoCloseable {
    private static final String INTERNAL = "/internal/v1";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration READY_CHECK_TIMEOUT = Duration.ofSeconds(2);

    private final UpstreamClient upstream;
    private final SpoolDirectory spool;
    /** Whether this agent has the internal token, without which its server takes no deletes and no variants. */
    private final boolean trusted;

    /** Over a client and a spool folder it owns from then on ({@link #close()} ends both). */
    RemoteImageStore(UpstreamClient upstream, SpoolDirectory spool, boolean trusted) {
        this.upstream = upstream;
        this.spool = spool;
        this.trusted = trusted;
    }

    /**
     * @param internalToken the server's internal token, or {@code null} when it has none
     * @param meters        where upstream failures are counted by kind
     */
    public static RemoteImageStore open(UpstreamConfig config, String internalToken, MeterRegistry meters)
            throws IOException {
        String authorization = internalToken == null ? null : "Bearer " + internalToken;
        return new RemoteImageStore(new UpstreamClient(config, authorization, meters), SpoolDirectory.open(config.limits().spoolDir()),
                internalToken != null);
    }

    /**
     * Ends the upstream client's threads (requests still waiting for the server fail) and
     * removes this agent's spool folder (uploads in it were never acknowledged).
     */
    @Override
    public void close() {
        try (spool) {
            upstream.close();
        }
    }

    @Override
    public Path newStagingFile() throws IOException {
        return spool.newStagingFile();
    }

    @Override
    public boolean putOriginal(Md5 md5, FileName name, Blob blob) throws IOException {
        return sendOriginal(md5, blob, body -> stored(send(originalPath(md5, name), body), "storing an upload"));
    }

    /** How one dialect hands an original's body to its server; true when the server had not had it. */
    interface OriginalSender {
        boolean send(HttpRequest.BodyPublisher body) throws IOException;
    }

    /**
     * What both dialects do to send an original: the put owns the blob (closed whatever happens),
     * a blob known to have another MD5 is refused before anything is sent, and the body is the
     * blob's bytes from memory or its staged file ({@link #body}).
     */
    static boolean sendOriginal(Md5 md5, Blob blob, OriginalSender sender) throws IOException {
        try (blob) {
            blob.requireMd5(md5);
            return sender.send(body(blob));
        }
    }

    @Override
    public Optional<StoredFile> original(Md5 md5, FileName name) throws IOException {
        return head(originalPath(md5, name), md5, false);
    }

    /** One GET, whose answer is both the lookup and the bytes. */
    @Override
    public Optional<OpenedFile> openOriginal(Md5 md5, FileName name) throws IOException {
        return get(originalPath(md5, name), md5);
    }

    /** One GET, as {@link #openOriginal}. */
    @Override
    public Optional<OpenedFile> openVariant(Md5 md5, VariantKey key) throws IOException {
        return get(variantPath(md5, key), null);
    }

    /**
     * One HEAD: the server wraps this store in an {@link dev.sis.storage.ExistenceMemory}, which
     * remembers a yes for a short while and asks again with {@link #quickCheck}.
     */
    @Override
    public boolean exists(Md5 md5, FileName name) throws IOException {
        return head(originalPath(md5, name), md5, false).isPresent();
    }

    @Override
    public boolean exists(Md5 md5) throws IOException {
        return !names(md5, false).isEmpty();
    }

    /**
     * Asks once, within the check timeout (see {@link UpstreamClient#check}), whether {@code name}
     * of {@code md5} (any name when null) is stored: for when a remembered answer stands in for a
     * late one, so that a cached read never waits longer than that on a stopped server.
     */
    public boolean quickCheck(Md5 md5, FileName name) throws IOException {
        return name == null ? !names(md5, true).isEmpty() : head(originalPath(md5, name), md5, true).isPresent();
    }

    /**
     * Which failures mean the server gave no answer (unreachable, timed out), for
     * {@link dev.sis.storage.ExistenceMemory}: a remembered yes stands then, so that an agent keeps
     * serving what it has cached while its server is down.
     */
    public static boolean serverSilent(RemoteStoreException failed) {
        return failed.kind() != Kind.BAD_ANSWER;
    }

    @Override
    public List<FileName> names(Md5 md5) throws IOException {
        return names(md5, false);
    }

    private List<FileName> names(Md5 md5, boolean quick) throws IOException {
        HttpRequest.Builder request = upstream.request(INTERNAL + "/names/" + md5.hex()).GET();
        HttpResponse<byte[]> response = quick ? upstream.check(request, HttpResponse.BodyHandlers.ofByteArray())
                : upstream.read(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw UpstreamClient.unexpected(response, "listing names");
        }
        List<String> names = JSON.readValue(response.body(), new TypeReference<>() { });
        return names.stream().map(FileName::new).toList();
    }

    /** Not sent without the internal token: the server would refuse it, and the variant stays cached here. */
    @Override
    public boolean putVariant(Md5 md5, VariantKey key, Blob blob) throws IOException {
        try (blob) {
            if (!trusted) {
                return false;
            }
            HttpResponse<Void> response = send(variantPath(md5, key), body(blob));
            if (response.statusCode() == 404) {
                return false; // the server has no original of it (deleted meanwhile): dropped there
            }
            return stored(response, "storing a variant");
        }
    }

    @Override
    public Optional<StoredFile> variant(Md5 md5, VariantKey key) throws IOException {
        return head(variantPath(md5, key), null, false);
    }

    /** @throws ForbiddenException without the internal token, which the server needs for a delete */
    @Override
    public boolean delete(Md5 md5, FileName name) throws IOException {
        if (!trusted) {
            throw new ForbiddenException("deleting through an agent needs the internal token: start the agent "
                    + "and its server with --internal-token (SIS_INTERNAL_TOKEN)");
        }
        String path = INTERNAL + "/originals/" + md5.hex() + (name == null ? "" : "/" + segment(name.value()));
        HttpResponse<Void> response = upstream.write(upstream.request(path).DELETE().build(),
                HttpResponse.BodyHandlers.discarding());
        return switch (response.statusCode()) {
            case 204 -> true;
            case 404 -> false;
            default -> throw UpstreamClient.unexpected(response, "deleting");
        };
    }

    /** Ready while the server answers its own readiness check. */
    @Override
    public boolean isReady() {
        try {
            HttpRequest request = upstream.request("/readyz").timeout(READY_CHECK_TIMEOUT).GET().build();
            return upstream.write(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException unreachable) {
            return false;
        }
    }

    @Override
    public boolean keptUpstream() {
        return true;
    }

    @Override
    public String describe() {
        return "upstream sis server " + upstream.describeBase() + " (agent mode), uploads spooled in " + spool
                + (trusted ? "" : "; no internal token: variants made here are kept in memory only, deletes refused");
    }

    /**
     * What is sent for a blob: its bytes from memory when they are there (a variant just made, a
     * small upload kept while it was spooled), else its staged file, streamed from disk.
     */
    static HttpRequest.BodyPublisher body(Blob blob) throws IOException {
        return switch (blob) {
            case Blob.Bytes bytes -> HttpRequest.BodyPublishers.ofByteArray(bytes.bytes());
            case Blob.Staged staged -> staged.inMemory() != null
                    ? HttpRequest.BodyPublishers.ofByteArray(staged.inMemory())
                    : HttpRequest.BodyPublishers.ofFile(staged.path());
        };
    }

    private HttpResponse<Void> send(String path, HttpRequest.BodyPublisher body) throws IOException {
        HttpRequest request = upstream.request(path)
                .header("Content-Type", "application/octet-stream")
                .PUT(body)
                .build();
        return upstream.write(request, HttpResponse.BodyHandlers.discarding());
    }

    /** What a put's answer says: stored now, or already there; anything else is a failure. */
    private static boolean stored(HttpResponse<Void> response, String action) throws IOException {
        return switch (response.statusCode()) {
            case 201 -> true;
            case 200, 204 -> false;
            default -> throw UpstreamClient.unexpected(response, action);
        };
    }

    /**
     * @param md5   the MD5 the file's bytes must have (an original's), or null (a variant's)
     * @param quick whether this is a check (see {@link UpstreamClient#check})
     */
    private Optional<StoredFile> head(String path, Md5 md5, boolean quick) throws IOException {
        HttpRequest.Builder request = upstream.request(path).method("HEAD", HttpRequest.BodyPublishers.noBody());
        HttpResponse<Void> response = quick ? upstream.check(request, HttpResponse.BodyHandlers.discarding())
                : upstream.read(request.build(), HttpResponse.BodyHandlers.discarding());
        OptionalLong size = UpstreamClient.wholeFileSize(response, "looking up a file");
        return size.isEmpty() ? Optional.empty()
                : Optional.of(new RemoteStoredFile(upstream, path, size.getAsLong(), md5));
    }

    /**
     * Reads a whole file with one GET: its size is the answer's {@code Content-Length}, and its
     * bytes are checked against it (and against {@code md5} for an original) as they are read.
     */
    private Optional<OpenedFile> get(String path, Md5 md5) throws IOException {
        HttpResponse<InputStream> response = upstream.read(upstream.request(path).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        OptionalLong size = UpstreamClient.wholeFileSize(response, "reading a file");
        if (size.isEmpty()) {
            return Optional.empty();
        }
        StoredFile file = new RemoteStoredFile(upstream, path, size.getAsLong(), md5);
        return Optional.of(new OpenedFile(file, new CheckedBody(response.body(), upstream, size.getAsLong(), md5)));
    }

    private static String originalPath(Md5 md5, FileName name) {
        return INTERNAL + "/originals/" + md5.hex() + "/" + segment(name.value());
    }

    private static String variantPath(Md5 md5, VariantKey key) {
        return INTERNAL + "/variants/" + md5.hex() + "/" + key.id() + "." + key.extension();
    }

    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
