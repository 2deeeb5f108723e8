package dev.sis.storage.remote;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
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
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * An agent's store kept by a sis 2.0 server, over the routes a sis 2.0 agent used
 * (docs/api-legacy.md, "Agent mode"): an upload goes to {@code /derect_up} as one multipart part
 * whose field name is the MD5, an original comes back from {@code /full_down} (by name) or
 * {@code /simple_down} (any name). sis 2.0 stored what it was told unchecked, so every read is
 * checked against the MD5 asked for and a mismatch is a 502 ({@link Sis2StoredFile}).
 *
 * <p>What sis 2.0 cannot do is refused with a 501 {@link RemoteStoreException} naming the reason:
 * listing an image's names (so {@code /v1/info}) and deleting. Variants are never sent (sis 2.0
 * kept them in its cache only): the ones this agent makes stay in its own memory cache. sis 2.0
 * deletes nothing, so that a file exists, once seen, is remembered without asking again: a cached
 * image is served while the server is away. Uses the client and spool folder of the agent's other
 * dialect, and closes neither. Thread-safe.
 */
final class Sis2Upstream implements ImageStore {
    private static final String UPLOAD_DONE = "上传完成";
    private static final String NO_SUCH_MD5 = "0".repeat(32);

    private final UpstreamClient upstream;
    private final SpoolDirectory spool;
    /** Keys ({@code md5} or {@code md5/name}) the server was seen to have. */
    private final Cache<String, Boolean> seen = Caffeine.newBuilder().maximumSize(100_000).build();

    Sis2Upstream(UpstreamClient upstream, SpoolDirectory spool) {
        this.upstream = upstream;
        this.spool = spool;
    }

    @Override
    public Path newStagingFile() throws IOException {
        return spool.newStagingFile();
    }

    /**
     * Sends the blob to {@code /derect_up} (from memory when its bytes are there). sis 2.0 does not say whether it had the file:
     * it counts as new unless this agent saw it there before.
     */
    @Override
    public boolean putOriginal(Md5 md5, FileName name, Blob blob) throws IOException {
        return RemoteImageStore.sendOriginal(md5, blob, body -> {
            String boundary = "sis-" + UUID.randomUUID();
            String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + md5.hex()
                    + "\"; filename=\"" + quoted(name.value()) + "\"\r\nContent-Type: application/octet-stream\r\n\r\n";
            HttpRequest request = upstream.request("/derect_up")
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(BodyPublishers.concat(BodyPublishers.ofString(head, StandardCharsets.UTF_8),
                            body,
                            BodyPublishers.ofString("\r\n--" + boundary + "--\r\n", StandardCharsets.UTF_8)))
                    .build();
            HttpResponse<String> response = upstream.write(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() != 200) {
                throw UpstreamClient.unexpected(response, "storing an upload");
            }
            if (!UPLOAD_DONE.equals(response.body())) {
                throw upstream.badBytes("the storage server answered /derect_up with something other than sis 2.0's "
                        + "upload-done text: is it a sis 2.0 server?");
            }
            boolean before = seen.getIfPresent(key(md5, name)) != null;
            seen.put(key(md5, name), true);
            seen.put(md5.hex(), true);
            return !before;
        });
    }

    @Override
    public Optional<StoredFile> original(Md5 md5, FileName name) throws IOException {
        return head(fullDown(md5, name), md5, key(md5, name));
    }

    @Override
    public Optional<OpenedFile> openOriginal(Md5 md5, FileName name) throws IOException {
        return get(fullDown(md5, name), md5, key(md5, name));
    }

    @Override
    public Optional<OpenedFile> openAnyOriginal(Md5 md5) throws IOException {
        return get(simpleDown(md5.hex()), md5, md5.hex());
    }

    @Override
    public boolean exists(Md5 md5, FileName name) throws IOException {
        return seen.getIfPresent(key(md5, name)) != null || original(md5, name).isPresent();
    }

    @Override
    public boolean exists(Md5 md5) throws IOException {
        return seen.getIfPresent(md5.hex()) != null || head(simpleDown(md5.hex()), md5, md5.hex()).isPresent();
    }

    /** @throws RemoteStoreException (501): sis 2.0 has no route that lists names */
    @Override
    public List<FileName> names(Md5 md5) throws IOException {
        throw notOffered("list the names an image is stored under (so neither info nor a listing can be given)");
    }

    /** Never sent: sis 2.0 kept no variants; this one stays in the agent's cache. */
    @Override
    public boolean putVariant(Md5 md5, VariantKey key, Blob blob) {
        blob.close();
        return false;
    }

    @Override
    public Optional<StoredFile> variant(Md5 md5, VariantKey key) throws IOException {
        return Optional.empty();
    }

    /** @throws RemoteStoreException (501): sis 2.0 has no route that deletes */
    @Override
    public boolean delete(Md5 md5, FileName name) throws IOException {
        throw notOffered("delete images");
    }

    /** Ready while the server answers a download below 500 (a 404 for an MD5 nothing has). */
    @Override
    public boolean isReady() {
        try {
            HttpRequest.Builder request = upstream.request(simpleDown(NO_SUCH_MD5))
                    .method("HEAD", BodyPublishers.noBody());
            return upstream.ask(request, HttpResponse.BodyHandlers.discarding()).statusCode() < 500;
        } catch (IOException unreachable) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public boolean keptUpstream() {
        return true;
    }

    @Override
    public String describe() {
        return "upstream sis 2.0 server " + upstream.describeBase() + " (agent mode over sis 2.0's routes), uploads "
                + "spooled in " + spool + "; deletes and info answer 501, variants made here are kept in memory only";
    }

    private static RemoteStoreException notOffered(String what) {
        return new RemoteStoreException(Kind.NOT_OFFERED, "the storage server speaks sis 2.0's routes "
                + "only, and sis 2.0 cannot " + what + ": upgrade it to sis (docs/scaling.md, rolling upgrade)", null);
    }

    private Optional<StoredFile> head(String path, Md5 md5, String key) throws IOException {
        HttpResponse<Void> response = upstream.read(upstream.request(path).method("HEAD", BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding());
        return found(UpstreamClient.wholeFileSize(response, "looking up a file"), path, md5, key);
    }

    /** One GET that is both the lookup and the bytes, checked as they are read (size and MD5). */
    private Optional<OpenedFile> get(String path, Md5 md5, String key) throws IOException {
        HttpResponse<InputStream> response = upstream.read(upstream.request(path).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        OptionalLong size = UpstreamClient.wholeFileSize(response, "reading a file");
        return found(size, path, md5, key).map(file ->
                new OpenedFile(file, new CheckedBody(response.body(), upstream, size.getAsLong(), md5)));
    }

    /** The file a lookup found, remembered as seen; empty when there is none. */
    private Optional<StoredFile> found(OptionalLong size, String path, Md5 md5, String key) {
        if (size.isEmpty()) {
            return Optional.empty();
        }
        seen.put(key, true);
        return Optional.of(new Sis2StoredFile(upstream, path, size.getAsLong(), md5));
    }

    private static String simpleDown(String md5) {
        return "/simple_down?md5=" + md5;
    }

    private static String fullDown(Md5 md5, FileName name) {
        return "/full_down?md5=" + md5.hex() + "&file_name=" + URLEncoder.encode(name.value(), StandardCharsets.UTF_8);
    }

    private static String key(Md5 md5, FileName name) {
        return md5.hex() + "/" + name.value();
    }

    /** A quoted-string's content, as Go's multipart reader unquotes it. */
    private static String quoted(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
