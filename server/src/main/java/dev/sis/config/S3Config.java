package dev.sis.config;

import java.net.URI;
import java.util.Objects;

/**
 * How the S3 store reaches its bucket. Credentials are not here: they come from the AWS SDK's
 * default chain ({@code AWS_ACCESS_KEY_ID} and {@code AWS_SECRET_ACCESS_KEY}, a profile, a
 * web identity, the instance's role…), so they never appear in sis's own settings.
 *
 * @param location       the bucket and the key prefix under which everything is kept
 * @param endpoint       the S3 server's URL (MinIO, Ceph, SeaweedFS, R2…), or {@code null} for AWS
 * @param pathStyle      {@code http://host/bucket/key} instead of {@code http://bucket.host/key}
 * @param region         the signing region, or {@code null}: {@code AWS_REGION}, else {@code us-east-1}
 * @param limits         timeouts, the SDK's extra attempts for a request that failed transiently,
 *                       and where uploads wait, per process, until the bucket has them
 * @param multipartThreshold files larger than this are sent with a multipart upload
 * @param partSize       the size of each part of a multipart upload (at least 5 MiB, S3's minimum)
 */
public record S3Config(StoreLocation.S3 location, URI endpoint, boolean pathStyle, String region,
                       RemoteLimits limits, long multipartThreshold, long partSize) {
    /** S3's smallest part size (except for the last part). */
    public static final long MIN_PART_SIZE = 5L * 1024 * 1024;
    public static final long DEFAULT_MULTIPART_THRESHOLD = 16L * 1024 * 1024;
    public static final long DEFAULT_PART_SIZE = 8L * 1024 * 1024;

    public S3Config {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(limits, "limits");
        if (endpoint != null && !"http".equals(endpoint.getScheme()) && !"https".equals(endpoint.getScheme())) {
            throw new IllegalArgumentException("the S3 endpoint must be an http or https URL");
        }
        if (partSize < MIN_PART_SIZE || multipartThreshold < partSize) {
            throw new IllegalArgumentException("parts must be at least 5 MiB and the threshold at least one part");
        }
    }

    /** The defaults for multipart uploads: parts of 8 MiB for files over 16 MiB. */
    public S3Config(StoreLocation.S3 location, URI endpoint, boolean pathStyle, String region,
                    RemoteLimits limits) {
        this(location, endpoint, pathStyle, region, limits, DEFAULT_MULTIPART_THRESHOLD, DEFAULT_PART_SIZE);
    }

    /** The same settings with other multipart sizes (tests use small ones). */
    public S3Config withMultipart(long threshold, long part) {
        return new S3Config(location, endpoint, pathStyle, region, limits, threshold, part);
    }
}
