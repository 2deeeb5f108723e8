package dev.sis.storage.s3;

import dev.sis.config.StoreLocation;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The AWS SDK's default credentials chain, asked once before an S3 store is used. No
 * credentials at all is a mistake of the deployment that no retry mends: it is said at start,
 * in one line that names where the SDK looked and what to set, instead of a "ready" server
 * whose every upload then fails with the cause deep in a warning. (Whether the bucket answers
 * needs the network, which may be briefly away: that stays with readiness.)
 */
public final class S3Credentials {
    private S3Credentials() {
    }

    /**
     * The default chain, once it has found credentials.
     *
     * @throws IllegalStateException {@code cannot use s3://…: no AWS credentials found …; set …}
     */
    public static AwsCredentialsProvider required(StoreLocation.S3 bucket) {
        AwsCredentialsProvider chain = DefaultCredentialsProvider.builder().build();
        try {
            chain.resolveCredentials();
            return chain;
        } catch (SdkException none) {
            throw new IllegalStateException("cannot use " + bucket + ": no AWS credentials found (the SDK looked at "
                    + "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, the aws.accessKeyId property, a web identity "
                    + "token, ~/.aws/credentials for AWS_PROFILE, and the container's and the instance's role); set "
                    + "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or give the pod or the machine a role", none);
        }
    }
}
