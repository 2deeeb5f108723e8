package dev.sis.storage.s3;

import dev.sis.errors.UpstreamException.Kind;
import dev.sis.storage.RemoteStoreException;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Turns the SDK's failures into the upstream failures a client is told of, as for an agent's
 * server: an S3 server is an upstream. 502: it answered badly (an error, a refusal of the
 * credentials, bytes that do not match); 503: it cannot be reached or is overloaded; 504: it
 * did not answer in time. Public messages name no bucket, key or host; the log has the cause.
 */
final class S3Failures {
    private static final Logger LOG = LoggerFactory.getLogger(S3Failures.class);
    private final MeterRegistry meters;

    S3Failures(MeterRegistry meters) {
        this.meters = meters;
    }

    RemoteStoreException translate(SdkException e, String action) {
        RemoteStoreException failure = classify(e, action);
        meters.counter("sis.upstream.errors", "kind", failure.kind().name().toLowerCase(Locale.ROOT)).increment();
        LOG.warn("S3 request failed while {}: {}", action, e.toString());
        return failure;
    }

    private static RemoteStoreException classify(SdkException e, String action) {
        if (e instanceof S3Exception s3) {
            String code = s3.awsErrorDetails() == null ? null : s3.awsErrorDetails().errorCode();
            int status = s3.statusCode();
            if ("NoSuchBucket".equals(code)) {
                return new RemoteStoreException(Kind.BAD_ANSWER, "the S3 bucket does not exist (while " + action + ")", e);
            }
            if ("BadDigest".equals(code) || "InvalidDigest".equals(code)) {
                return new RemoteStoreException(Kind.BAD_ANSWER,
                        "the S3 server did not receive the bytes that were sent (while " + action + ")", e);
            }
            return switch (status) {
                case 401, 403 -> new RemoteStoreException(Kind.BAD_ANSWER,
                        "the S3 server refused sis's credentials (while " + action + ")", e);
                case 503 -> new RemoteStoreException(Kind.UNREACHABLE, "the S3 server is unavailable or overloaded", e);
                case 504 -> new RemoteStoreException(Kind.TIMED_OUT, "the S3 server did not answer in time", e);
                default -> new RemoteStoreException(Kind.BAD_ANSWER,
                        "the S3 server answered " + status + " while " + action, e);
            };
        }
        if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException) {
            return new RemoteStoreException(Kind.TIMED_OUT, "the S3 server did not answer in time", e);
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException || t instanceof NoRouteToHostException) {
                return new RemoteStoreException(Kind.UNREACHABLE, "the S3 server is unreachable", e);
            }
            if (t instanceof SocketTimeoutException timeout) {
                boolean connecting = timeout.getMessage() != null && timeout.getMessage().contains("connect");
                return connecting ? new RemoteStoreException(Kind.UNREACHABLE, "the S3 server could not be reached in time", e)
                        : new RemoteStoreException(Kind.TIMED_OUT, "the S3 server did not answer in time", e);
            }
        }
        return new RemoteStoreException(Kind.BAD_ANSWER, "the connection to the S3 server failed while " + action, e);
    }
}
