package dev.sis.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.config.S3Config;
import dev.sis.model.FileName;
import dev.sis.model.Md5;
import dev.sis.storage.ImageStore;
import dev.sis.storage.NetworkStoreContract;
import dev.sis.storage.StoredVariantsContract;
import dev.sis.testing.S3TestServer;
import dev.sis.testing.SpoolFiles;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The store contract, run against a real S3 server (S3Proxy, request signing on). */
class S3ImageStoreTest extends NetworkStoreContract implements StoredVariantsContract {
    private static final String PREFIX = "sis/data";
    private static S3TestServer server;
    private static int buckets;

    @TempDir
    static Path s3Dir;
    @TempDir
    Path spool;
    private String bucket;
    private S3ImageStore s3Store;

    @BeforeAll
    static void startS3() {
        server = S3TestServer.start(s3Dir);
    }

    @AfterAll
    static void stopS3() {
        server.close();
    }

    @Override
    public ImageStore store() {
        return store;
    }

    @Override
    protected ImageStore newStore() throws IOException {
        bucket = server.createBucket("contract-" + ++buckets);
        s3Store = S3ImageStore.open(config(), S3TestServer.credentials(), new SimpleMeterRegistry());
        return s3Store;
    }

    /**
     * With the SDK's retries a deployment has by default (2): S3Proxy's file-system backend answers
     * a put whose folder a racing DELETE is removing with a 500 "try again", which real S3 does
     * not, and which the retry takes care of.
     */
    private S3Config config() {
        S3Config c = server.config(bucket, PREFIX, spool);
        return new S3Config(c.location(), c.endpoint(), c.pathStyle(), c.region(),
                c.limits().with(c.limits().requestTimeout(), 2));
    }

    @AfterEach
    void closeStore() {
        s3Store.close();
    }

    @Test
    void objectsFollowTheLocalLayoutUnderThePrefix() throws IOException {
        byte[] bytes = {1, 2, 3};
        Md5 md5 = md5Of(bytes);
        store.putOriginal(md5, new FileName("cat photo.jpg"), stage(bytes));
        store.putVariant(md5, new dev.sis.storage.VariantKey("w10-h10-stretch-auto-q100", "jpg"), stage(new byte[] {4}));

        String hex = md5.hex();
        String dir = PREFIX + "/" + hex.substring(0, 2) + "/" + hex.substring(2, 4) + "/" + hex + "/";
        assertThat(keys()).containsExactly(dir + "src/cat photo.jpg", dir + "w10-h10-stretch-auto-q100/image.jpg");
    }

    @Test
    void largeFilesGoUpInPartsAndReadBackWhole() throws IOException {
        s3Store.close();
        store = s3Store = S3ImageStore.open(config().withMultipart(S3Config.MIN_PART_SIZE, S3Config.MIN_PART_SIZE),
                S3TestServer.credentials(), new SimpleMeterRegistry());
        byte[] bytes = new byte[(int) (2.5 * S3Config.MIN_PART_SIZE)];
        new Random(7).nextBytes(bytes);
        Md5 md5 = md5Of(bytes);

        assertThat(store.putOriginal(md5, new FileName("big.bin"), stage(bytes))).isTrue();

        var file = store.original(md5, new FileName("big.bin")).orElseThrow();
        assertThat(file.size()).isEqualTo(bytes.length);
        assertThat(file.readAll()).isEqualTo(bytes);
        try (S3Client s3 = server.client()) {
            String etag = s3.headObject(b -> b.bucket(bucket).key(keys().getFirst())).eTag();
            assertThat(etag).endsWith("-3\""); // three parts, the last one short
            assertThat(s3.listMultipartUploads(b -> b.bucket(bucket)).uploads()).isEmpty();
        }
    }

    /**
     * An original goes up with its key's MD5 as Content-MD5, not hashed again from the spool: bytes
     * that do not have that MD5 are refused by S3, and nothing is stored.
     */
    @Test
    void anOriginalWhoseBytesAreNotItsMd5IsRefusedAndNotStored() throws IOException {
        Md5 claimed = md5Of(new byte[] {1, 2, 3});

        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> store.putOriginal(claimed, new FileName("a"), stage(new byte[] {9, 9, 9})))
                .isInstanceOf(dev.sis.storage.RemoteStoreException.class);
        assertThat(store.exists(claimed)).isFalse();
        assertThat(keys()).isEmpty();
        assertThat(SpoolFiles.staged(spool)).isEmpty();
    }

    @Test
    void nothingStaysInTheSpoolFolder() throws IOException {
        byte[] bytes = {5, 5};
        Md5 md5 = md5Of(bytes);
        store.putOriginal(md5, new FileName("a"), stage(bytes));
        store.putOriginal(md5, new FileName("a"), stage(bytes));
        store.putVariant(md5, new dev.sis.storage.VariantKey("w1-h1-stretch-auto-q100", "png"), stage(new byte[] {1}));

        assertThat(SpoolFiles.staged(spool)).isEmpty();
    }

    @Test
    void aMissingBucketIsNotReady() throws IOException {
        try (S3ImageStore missing = S3ImageStore.open(server.config("no-such-bucket", "", spool),
                S3TestServer.credentials(), new SimpleMeterRegistry())) {
            assertThat(missing.isReady()).isFalse();
        }
    }

    @Test
    void wrongCredentialsAreA502NamingThem() throws IOException {
        var wrong = software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(S3TestServer.ACCESS_KEY, "wrong-secret-0123"));
        try (S3ImageStore refused = S3ImageStore.open(config(), wrong, new SimpleMeterRegistry())) {
            assertThat(refused.isReady()).isFalse();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> refused.names(md5Of(new byte[] {1})))
                    .isInstanceOfSatisfying(dev.sis.storage.RemoteStoreException.class, e -> {
                        assertThat(e.kind()).isEqualTo(dev.sis.errors.UpstreamException.Kind.BAD_ANSWER);
                        assertThat(dev.sis.service.StoreFailures.translate("listing names", e).status()).isEqualTo(502);
                        assertThat(e.getMessage()).contains("credentials");
                    });
        }
    }

    private List<String> keys() {
        try (S3Client s3 = server.client()) {
            return s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().stream().map(S3Object::key).sorted().toList();
        }
    }
}
