package dev.sis.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Which store keeps the files.
 *
 * @param mode     {@link StoreMode#LOCAL}: this process keeps the files under {@code dataDir};
 *                 {@link StoreMode#AGENT}: an upstream sis server keeps them;
 *                 {@link StoreMode#S3}: a bucket keeps them
 * @param dataDir  the local data directory (store mode)
 * @param upstream how to reach the upstream server (agent mode), else {@code null}
 * @param s3       how to reach the bucket (S3 mode), else {@code null}
 */
public record StoreConfig(StoreMode mode, Path dataDir, UpstreamConfig upstream, S3Config s3) {
    public StoreConfig {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(dataDir, "dataDir");
        if (mode == StoreMode.AGENT && upstream == null) {
            throw new IllegalArgumentException("agent mode needs an upstream");
        }
        if (mode == StoreMode.S3 && s3 == null) {
            throw new IllegalArgumentException("S3 mode needs a bucket");
        }
    }

    /** A local or agent store. */
    public StoreConfig(StoreMode mode, Path dataDir, UpstreamConfig upstream) {
        this(mode, dataDir, upstream, null);
    }

    public enum StoreMode { LOCAL, AGENT, S3 }
}
