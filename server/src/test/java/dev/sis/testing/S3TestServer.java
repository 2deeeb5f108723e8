package dev.sis.testing;

import dev.sis.config.RemoteLimits;
import dev.sis.config.S3Config;
import dev.sis.config.StoreLocation;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3 server for tests: S3Proxy in this JVM on a random loopback port, keeping objects
 * in a directory (its filesystem backend), with AWS request signing on (V2 or V4, one access
 * key). Its credentials are also set as the {@code aws.accessKeyId} / {@code aws.secretAccessKey}
 * system properties, the first place the SDK's default chain looks, so an {@link dev.sis.App}
 * started by a test finds them as a deployment finds its own. Close it after the test.
 */
public final class S3TestServer implements AutoCloseable {
    public static final String ACCESS_KEY = "sis-test-access-key";
    public static final String SECRET_KEY = "sis-test-secret-key-0123456789";
    public static final String REGION = "us-east-1";

    private final S3Proxy proxy;
    private final Path dir;
    private final int port;

    private S3TestServer(S3Proxy proxy, Path dir, int port) {
        this.proxy = proxy;
        this.dir = dir;
        this.port = port;
    }

    /** Starts S3Proxy over {@code dir} on a random port, or on {@code port} when it is not 0. */
    public static S3TestServer start(Path dir, int port) {
        System.setProperty("aws.accessKeyId", ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", SECRET_KEY);
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(new FilesystemNio2BlobStore(dir.toString()))
                .endpoint(URI.create("http://127.0.0.1:" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        try {
            proxy.start();
            for (int i = 0; i < 500 && !"STARTED".equals(proxy.getState()); i++) {
                Thread.sleep(10);
            }
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not start", e);
        }
        return new S3TestServer(proxy, dir, proxy.getPort());
    }

    public static S3TestServer start(Path dir) {
        return start(dir, 0);
    }

    public int port() {
        return port;
    }

    /** Where S3Proxy keeps the buckets: one directory per bucket. */
    public Path dir() {
        return dir;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public static AwsCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));
    }

    /** An SDK client of this server, for a test's own checks and set-up. */
    public S3Client client() {
        return S3Client.builder().endpointOverride(endpoint()).forcePathStyle(true).region(Region.of(REGION))
                .credentialsProvider(credentials()).build();
    }

    /** Creates {@code bucket} and answers it. */
    public String createBucket(String bucket) {
        try (S3Client s3 = client()) {
            s3.createBucket(b -> b.bucket(bucket));
        }
        return bucket;
    }

    /** The settings of an S3 store on {@code bucket}/{@code prefix} here, spooling under {@code spool}. */
    public S3Config config(String bucket, String prefix, Path spool) {
        return new S3Config(new StoreLocation.S3(bucket, prefix), endpoint(), true, REGION,
                new RemoteLimits(Duration.ofSeconds(2), Duration.ofSeconds(10), 0, spool));
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not stop", e);
        }
    }
}
