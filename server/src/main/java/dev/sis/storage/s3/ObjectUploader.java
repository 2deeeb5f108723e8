package dev.sis.storage.s3;

import dev.sis.errors.UpstreamException.Kind;
import dev.sis.model.Md5;
import dev.sis.storage.Blob;
import dev.sis.storage.RemoteStoreException;
import dev.sis.storage.BoundedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * Sends one blob to one key, from memory or streamed from disk: a single PUT up to the multipart
 * threshold, a multipart upload above it.
 *
 * <p>Design note: every PUT and every part carries {@code Content-MD5}, so the server refuses
 * bytes that differ from what was read here (BadDigest); the ETag it answers is checked too
 * where S3 defines it as the MD5 (no KMS encryption): the plain MD5 for a PUT, the MD5 of the
 * parts' MD5s with {@code -N} for a multipart upload. A failed multipart upload is aborted, so
 * no half-object and no orphaned parts are left (when S3 cannot take the abort, it is tried again
 * once S3 answers; only a killed process leaves parts behind, for a bucket lifecycle rule), and a
 * put returns only once the server has confirmed the whole object.
 */
final class ObjectUploader {
    private static final Logger LOG = LoggerFactory.getLogger(ObjectUploader.class);
    private static final String CONTENT_TYPE = "application/octet-stream";
    private static final HexFormat HEX = HexFormat.of();

    private final S3Client s3;
    private final S3Failures failures;
    private final String bucket;
    private final long multipartThreshold;
    private final long partSize;
    /** Multipart uploads whose abort failed, to be aborted when S3 answers again; bounded. */
    private final Queue<Unaborted> unaborted = new ConcurrentLinkedQueue<>();
    private static final int MAX_UNABORTED = 10_000;

    private record Unaborted(String key, String uploadId) {
    }

    ObjectUploader(S3Client s3, S3Failures failures, String bucket, long multipartThreshold, long partSize) {
        this.s3 = s3;
        this.failures = failures;
        this.bucket = bucket;
        this.multipartThreshold = multipartThreshold;
        this.partSize = partSize;
    }

    /**
     * Uploads {@code blob} to {@code key}; returns once the server has confirmed it. Bytes in
     * memory go up in one PUT from there (a variant just made, an upload kept while it was
     * spooled), as long as they are not over the multipart threshold; a staged file is streamed
     * from disk, in parts above that threshold.
     *
     * @param knownMd5 the MD5 of the bytes when the caller knows it (an original's, which is its
     *                 key), or null: a single PUT then sends it as Content-MD5 without reading
     *                 the bytes once more to hash them, and S3 still refuses other bytes
     */
    void upload(Blob blob, Md5 knownMd5, String key, String action) throws IOException {
        byte[] bytes = blob.inMemory();
        if (bytes != null && (bytes.length <= multipartThreshold || !(blob instanceof Blob.Staged))) {
            byte[] md5 = knownMd5 != null ? HEX.parseHex(knownMd5.hex()) : newMd5().digest(bytes);
            putWhole(md5, bytes.length, () -> new ByteArrayInputStream(bytes), key, action);
            return;
        }
        Path file = ((Blob.Staged) blob).path();
        long size = Files.size(file);
        if (size <= multipartThreshold) {
            byte[] md5 = knownMd5 != null ? HEX.parseHex(knownMd5.hex()) : md5(file, 0, size);
            putWhole(md5, size, () -> open(file, 0, size), key, action);
        } else {
            putInParts(file, size, key, action);
        }
    }

    private void putWhole(byte[] md5, long size, ContentStreamProvider content, String key, String action)
            throws IOException {
        var response = call(action, () -> s3.putObject(b -> b.bucket(bucket).key(key).contentLength(size)
                .contentType(CONTENT_TYPE).contentMD5(Base64.getEncoder().encodeToString(md5)),
                RequestBody.fromContentProvider(content, size, CONTENT_TYPE)));
        verify(response.eTag(), response.serverSideEncryption(), HEX.formatHex(md5), key, action);
    }

    private void putInParts(Path file, long size, String key, String action) throws IOException {
        String uploadId = call(action, () -> s3.createMultipartUpload(b -> b.bucket(bucket).key(key)
                .contentType(CONTENT_TYPE))).uploadId();
        boolean completed = false;
        try {
            List<CompletedPart> parts = new ArrayList<>();
            MessageDigest ofParts = newMd5();
            int number = 1;
            for (long offset = 0; offset < size; offset += partSize, number++) {
                long length = Math.min(partSize, size - offset);
                byte[] md5 = md5(file, offset, length);
                ofParts.update(md5);
                long from = offset;
                int partNumber = number;
                String etag = call(action, () -> s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId)
                                .partNumber(partNumber).contentLength(length)
                                .contentMD5(Base64.getEncoder().encodeToString(md5)),
                        RequestBody.fromContentProvider(() -> open(file, from, length), length, CONTENT_TYPE))).eTag();
                parts.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).build());
            }
            var response = call(action, () -> s3.completeMultipartUpload(b -> b.bucket(bucket).key(key)
                    .uploadId(uploadId).multipartUpload(u -> u.parts(parts))));
            completed = true;
            verify(response.eTag(), response.serverSideEncryption(), HEX.formatHex(ofParts.digest()) + "-" + parts.size(),
                    key, action);
        } finally {
            if (!completed) {
                abort(key, uploadId);
            }
        }
    }

    /**
     * Checks the ETag where S3 defines it as an MD5. An object whose ETag shows other bytes is
     * removed and the put fails: nothing is acknowledged that the server did not keep.
     */
    private void verify(String etag, ServerSideEncryption encryption, String expected, String key, String action) throws IOException {
        if (etag == null || encryption == ServerSideEncryption.AWS_KMS || encryption == ServerSideEncryption.AWS_KMS_DSSE) {
            return;
        }
        String actual = etag.replace("\"", "").toLowerCase(Locale.ROOT);
        boolean md5Shaped = actual.matches("[0-9a-f]{32}(-[0-9]+)?");
        if (md5Shaped && !actual.equals(expected)) {
            LOG.error("S3 object {} has ETag {} but {} was sent; removing it", key, actual, expected);
            try {
                s3.deleteObject(b -> b.bucket(bucket).key(key));
            } catch (SdkException ignored) {
                // The put fails anyway; a later put of the same key replaces the object.
            }
            throw new RemoteStoreException(Kind.BAD_ANSWER,
                    "the S3 server stored other bytes than were sent while " + action, null);
        }
    }

    private void abort(String key, String uploadId) {
        try {
            s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
        } catch (SdkException e) {
            // Typically S3 stopped mid-upload: its parts stay stored (and billed) until aborted.
            if (unaborted.size() < MAX_UNABORTED) {
                unaborted.add(new Unaborted(key, uploadId));
                LOG.warn("could not abort the multipart upload of {}: {} (tried again when S3 is back)", key, e.toString());
            } else {
                LOG.warn("could not abort the multipart upload of {}: {} (a bucket lifecycle rule removes it)", key,
                        e.toString());
            }
        }
    }

    /** Whether some multipart upload waits for its abort to be tried again. */
    boolean hasUnaborted() {
        return !unaborted.isEmpty();
    }

    /**
     * Tries again to abort at most {@code max} of the multipart uploads whose abort failed (see
     * {@link #abort}); those that fail again are kept for the next time. Called by the store's
     * background sweep, so that no request and no readiness check waits on it.
     */
    void abortUnaborted(int max) {
        for (int n = Math.min(max, unaborted.size()); n > 0; n--) {
            Unaborted u = unaborted.poll();
            if (u == null) {
                return;
            }
            try {
                s3.abortMultipartUpload(b -> b.bucket(bucket).key(u.key()).uploadId(u.uploadId()));
                LOG.info("aborted the multipart upload of {} left by an earlier failure", u.key());
            } catch (S3Exception e) {
                if (e.statusCode() != 404) { // 404: NoSuchUpload, it is gone already
                    unaborted.add(u);
                }
            } catch (SdkException e) {
                unaborted.add(u);
            }
        }
    }

    private <T> T call(String action, Supplier<T> request) throws IOException {
        try {
            return request.get();
        } catch (SdkException e) {
            throw failures.translate(e, action);
        }
    }

    private static InputStream open(Path file, long offset, long length) {
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
            channel.position(offset);
            return new BoundedInputStream(Channels.newInputStream(channel), length);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static byte[] md5(Path file, long offset, long length) throws IOException {
        MessageDigest md5 = newMd5();
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = open(file, offset, length)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                md5.update(buffer, 0, n);
            }
        }
        return md5.digest();
    }

    private static MessageDigest newMd5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides MD5", e);
        }
    }
}
