package dev.sis.storage.s3;

import dev.sis.config.S3Config;
import dev.sis.config.StoreLocation;
import dev.sis.errors.UpstreamException.Kind;
import dev.sis.storage.RemoteStoreException;
import dev.sis.model.FileName;
import dev.sis.model.Md5;
import dev.sis.storage.Blob;
import dev.sis.storage.ImageStore;
import dev.sis.storage.SpoolDirectory;
import dev.sis.storage.StoredFile;
import dev.sis.storage.StoredVariants;
import dev.sis.storage.VariantKey;
import dev.sis.storage.StoreLayout;
import dev.sis.storage.VariantPlace;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.SystemSettingsRegionProvider;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Keeps files as objects in an S3 bucket (AWS S3, MinIO, Ceph RGW, SeaweedFS, R2…), under the
 * {@link StoreLayout} that the local store uses too, below the configured key prefix.
 * Any number of sis processes can share one bucket: nothing is kept on the local disk but
 * uploads waiting in this store's spool folder (a crashed store's is removed at the next
 * start) until the bucket has them.
 * A put returns only after the server confirmed the object and its MD5 (see
 * {@link ObjectUploader}); the names of an MD5 are one prefix listing. Failures of the S3
 * server surface as {@link dev.sis.storage.RemoteStoreException} (502/503/504); an
 * {@link IOException} means the local spool failed. Thread-safe.
 */
public final class S3ImageStore implements ImageStore, StoredVariants, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(S3ImageStore.class);
    private static final Duration READY_CHECK_TIMEOUT = Duration.ofSeconds(2);
    /**
     * A fixed default: the bucket's size says nothing (it is as large as one pays for), so the
     * budget is what bounds the cost, and 10 GiB holds {@code VariantBudgetStore.MAX_VARIANTS} variants of
     * usual sizes (a thumbnail of 5–50 KB) while costing little.
     */
    static final long DEFAULT_VARIANT_BUDGET = 10L << 30;
    /** Where S3 is when nothing says otherwise; any region works with most S3-compatible servers. */
    private static final Region FALLBACK_REGION = Region.US_EAST_1;

    private final S3Client s3;
    private final S3Config config;
    private final S3Failures failures;
    private final ObjectUploader uploader;
    private final SpoolDirectory spool;
    private final AbortSweep abortSweep;

    private S3ImageStore(S3Client s3, S3Config config, S3Failures failures, SpoolDirectory spool) {
        this.s3 = s3;
        this.config = config;
        this.failures = failures;
        this.spool = spool;
        this.uploader = new ObjectUploader(s3, failures, config.location().bucket(), config.multipartThreshold(),
                config.partSize());
        this.abortSweep = AbortSweep.start(uploader);
    }

    /**
     * Opens the store: prepares this store's spool folder and the client. The bucket is not
     * contacted here ({@link #isReady()} does), so sis starts while S3 is briefly away.
     *
     * @param credentials usually the SDK's default chain
     * @param meters      where S3 failures are counted by kind
     */
    public static S3ImageStore open(S3Config config, AwsCredentialsProvider credentials, MeterRegistry meters)
            throws IOException {
        SpoolDirectory spool = SpoolDirectory.open(config.limits().spoolDir());
        var builder = S3Client.builder()
                .region(region(config))
                .credentialsProvider(credentials)
                .forcePathStyle(config.pathStyle())
                .httpClientBuilder(Apache5HttpClient.builder()
                        .connectionTimeout(config.limits().connectTimeout())
                        .socketTimeout(config.limits().requestTimeout()))
                // Content-MD5 is sent and checked by sis itself; the SDK's newer trailing
                // checksums are not understood by every S3-compatible server.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(config.limits().retries() + 1)));
        if (config.endpoint() != null) {
            builder.endpointOverride(config.endpoint());
        }
        return new S3ImageStore(builder.build(), config, new S3Failures(meters), spool);
    }

    private static Region region(S3Config config) {
        if (config.region() != null) {
            return Region.of(config.region());
        }
        try {
            return new SystemSettingsRegionProvider().getRegion(); // AWS_REGION or -Daws.region
        } catch (SdkException none) {
            return FALLBACK_REGION;
        }
    }

    @Override
    public Path newStagingFile() throws IOException {
        return spool.newStagingFile();
    }

    @Override
    public boolean putOriginal(Md5 md5, FileName name, Blob blob) throws IOException {
        requireOwn(blob);
        try (blob) {
            blob.requireMd5(md5);
            return put(originalKey(md5, name), blob, md5, "storing an upload");
        }
    }

    @Override
    public Optional<StoredFile> original(Md5 md5, FileName name) throws IOException {
        return head(originalKey(md5, name));
    }

    /**
     * One prefix listing: a round trip, so the server wraps this store in an
     * {@link dev.sis.storage.ExistenceMemory} that remembers a yes for a short while.
     */
    @Override
    public boolean exists(Md5 md5) throws IOException {
        return !names(md5).isEmpty();
    }

    /**
     * Which failures mean S3 gave no answer (a connection refused, timed out, or dropped as it
     * stops), for {@link dev.sis.storage.ExistenceMemory}: a remembered yes stands then, so cached
     * images stay served. An error S3 did answer (no such bucket, credentials refused) is believed.
     */
    public static boolean serverSilent(RemoteStoreException failed) {
        return !(failed.kind() == Kind.BAD_ANSWER && failed.getCause() instanceof S3Exception);
    }

    @Override
    public List<FileName> names(Md5 md5) throws IOException {
        String prefix = config.location().keyPrefix() + StoreLayout.originals(md5);
        List<FileName> names = new ArrayList<>();
        for (S3Object object : list(prefix, "listing names")) {
            String name = object.key().substring(prefix.length());
            try {
                names.add(new FileName(name));
            } catch (IllegalArgumentException notOurs) {
                LOG.warn("ignoring an object that is not a valid original's key: {}", object.key());
            }
        }
        names.sort(Comparator.comparing(FileName::value));
        return names;
    }

    /**
     * S3 has no lock that a delete on another instance would take, so the order of the calls does
     * the work, with {@link #deleteImage}: the original is looked for before the upload and again
     * after it, and a variant whose original has gone meanwhile is removed again. A delete lists
     * the image's objects only after its originals are gone, so a variant written before that
     * listing is removed by the delete, and one written after it finds no original here.
     */
    @Override
    public boolean putVariant(Md5 md5, VariantKey key, Blob blob) throws IOException {
        requireOwn(blob);
        try (blob) {
            if (names(md5).isEmpty()) {
                return false;
            }
            String object = variantKey(md5, key);
            boolean stored = put(object, blob, blob.knownMd5(), "storing a variant");
            if (stored && names(md5).isEmpty()) {
                deleteKey(object);
                return false;
            }
            return stored;
        }
    }

    @Override
    public Optional<StoredFile> variant(Md5 md5, VariantKey key) throws IOException {
        return head(variantKey(md5, key));
    }

    @Override
    public boolean delete(Md5 md5, FileName name) throws IOException {
        if (name != null) {
            String key = originalKey(md5, name);
            if (head(key).isEmpty()) {
                return false;
            }
            deleteKey(key);
            if (names(md5).isEmpty()) {
                deleteImage(md5);
            }
            return true;
        }
        return deleteImage(md5);
    }

    /** Ready while the bucket answers a HEAD and the spool folder is writable; changes nothing. */
    @Override
    public boolean isReady() {
        if (!Files.isDirectory(spool.path()) || !Files.isWritable(spool.path())) {
            return false;
        }
        try {
            s3.headBucket(b -> b.bucket(config.location().bucket())
                    .overrideConfiguration(o -> o.apiCallTimeout(READY_CHECK_TIMEOUT)));
            return true;
        } catch (SdkException e) {
            LOG.warn("S3 bucket not ready: {}", e.toString());
            return false;
        }
    }

    @Override
    public String describe() {
        return "S3 " + config.location()
                + (config.endpoint() == null ? "" : " at " + config.endpoint())
                + (config.pathStyle() ? " (path-style)" : "")
                + ", uploads spooled in " + spool;
    }

    /** What {@link #forEachObject} tells of each object. */
    @FunctionalInterface
    public interface ObjectVisitor {
        void object(String relativeKey, long size, StoredFile file) throws IOException;
    }

    /**
     * Lists every object under this store's prefix, originals and variants, with its key
     * relative to the prefix (for {@code sis migrate}, which reads a whole store).
     */
    public void forEachObject(ObjectVisitor visitor) throws IOException {
        forEachListed((object, relativeKey) -> visitor.object(relativeKey, object.size(),
                new S3StoredFile(s3, failures, config.location().bucket(), object.key(), object.size())));
    }

    // Stored variants, for their budget (storage.budget.VariantBudgetStore).

    @Override
    public void forEachVariant(VariantVisitor visitor) throws IOException {
        forEachListed((object, relativeKey) -> {
            var place = VariantPlace.parse(relativeKey);
            if (place.isPresent()) {
                visitor.variant(place.get(), object.size(),
                        object.lastModified() == null ? 0 : object.lastModified().toEpochMilli());
            }
        });
    }

    @Override
    public void removeVariant(Md5 md5, VariantKey key) throws IOException {
        deleteKey(variantKey(md5, key));
    }

    /** An object costs its bytes. */
    @Override
    public long footprint(long size) {
        return size;
    }

    @Override
    public DefaultBudget defaultBudget() {
        return new DefaultBudget(DEFAULT_VARIANT_BUDGET, "the default on S3");
    }

    @FunctionalInterface
    private interface ListedObject {
        void object(S3Object object, String relativeKey) throws IOException;
    }

    /** Every object under this store's prefix, page by page: a bucket's listing is never held whole. */
    private void forEachListed(ListedObject each) throws IOException {
        String prefix = config.location().keyPrefix();
        try {
            for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(config.location().bucket()).prefix(prefix))
                    .contents()) {
                each.object(object, object.key().substring(prefix.length()));
            }
        } catch (SdkException e) {
            throw failures.translate(e, "listing the bucket");
        }
    }

    @Override
    public void close() {
        try (spool) {
            abortSweep.close(); // before the client it uses
            s3.close();
        }
    }

    /**
     * Uploads the blob unless the key exists (from memory when its bytes are there, else streamed
     * from its staged file); the caller's blob is closed by the caller.
     *
     * @param knownMd5 the MD5 of the bytes when known (an original's: its key), else null
     */
    private boolean put(String key, Blob blob, Md5 knownMd5, String action) throws IOException {
        if (head(key).isPresent()) {
            return false; // Same MD5 means same bytes: the object is already what we would write.
        }
        uploader.upload(blob, knownMd5, key, action);
        return true;
    }

    /** A staged file from elsewhere is refused before the put takes it over, and left where it is. */
    private void requireOwn(Blob blob) {
        if (blob instanceof Blob.Staged staged) {
            staged.requireIn(spool.path());
        }
    }

    private Optional<StoredFile> head(String key) throws IOException {
        try {
            HeadObjectResponse head = s3.headObject(b -> b.bucket(config.location().bucket()).key(key));
            return Optional.of(new S3StoredFile(s3, failures, config.location().bucket(), key, head.contentLength()));
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw failures.translate(e, "looking up a file");
        } catch (SdkException e) {
            throw failures.translate(e, "looking up a file");
        }
    }

    private List<S3Object> list(String prefix, String action) throws IOException {
        try {
            List<S3Object> objects = new ArrayList<>();
            s3.listObjectsV2Paginator(b -> b.bucket(config.location().bucket()).prefix(prefix))
                    .contents().forEach(objects::add);
            return objects;
        } catch (SdkException e) {
            throw failures.translate(e, action);
        }
    }

    /**
     * Removes every object of an image: its originals first (a reader never finds a variant whose
     * original is gone), then whatever is under its prefix once they are gone. That second
     * listing is what a variant put racing this delete relies on (see {@link #putVariant}).
     *
     * @return whether there was anything to remove
     */
    private boolean deleteImage(Md5 md5) throws IOException {
        String prefix = imagePrefix(md5);
        List<S3Object> originals = list(config.location().keyPrefix() + StoreLayout.originals(md5), "deleting");
        for (S3Object original : originals) {
            deleteKey(original.key());
        }
        List<S3Object> rest = list(prefix, "deleting");
        for (S3Object object : rest) {
            deleteKey(object.key());
        }
        return !originals.isEmpty() || !rest.isEmpty();
    }

    private void deleteKey(String key) throws IOException {
        try {
            s3.deleteObject(b -> b.bucket(config.location().bucket()).key(key));
        } catch (SdkException e) {
            throw failures.translate(e, "deleting");
        }
    }

    /** {@code PREFIX/ab/cd/<md5>/}: the {@link StoreLayout} under this store's prefix. */
    private String imagePrefix(Md5 md5) {
        return config.location().keyPrefix() + StoreLayout.folder(md5);
    }

    private String originalKey(Md5 md5, FileName name) {
        return config.location().keyPrefix() + StoreLayout.original(md5, name);
    }

    private String variantKey(Md5 md5, VariantKey key) {
        return config.location().keyPrefix() + StoreLayout.variant(md5, key);
    }
}
