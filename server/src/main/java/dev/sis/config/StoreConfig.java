package dev.sis.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Which store keeps the files.
 *
 * @param mode            {@link StoreMode#LOCAL}: this process keeps the files under {@code dataDir};
 *                        {@link StoreMode#AGENT}: an upstream sis server keeps them;
 *                        {@link StoreMode#S3}: a bucket keeps them
 * @param dataDir         the local data directory (store mode)
 * @param upstream        how to reach the upstream server (agent mode), else {@code null}
 * @param s3              how to reach the bucket (S3 mode), else {@code null}
 * @param maxVariantBytes how many bytes of variants the store keeps (0: none), or empty for the
 *                        store's default; not used in agent mode, where the server's budget governs
 */
public record StoreConfig(StoreMode mode, Path dataDir, UpstreamConfig upstream, S3Config s3,
                          OptionalLong maxVariantBytes) {
    public StoreConfig {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(maxVariantBytes, "maxVariantBytes");
        if (mode == StoreMode.AGENT && upstream == null) {
            throw new IllegalArgumentException("agent mode needs an upstream");
        }
        if (mode == StoreMode.S3 && s3 == null) {
            throw new IllegalArgumentException("S3 mode needs a bucket");
        }
        if (maxVariantBytes.isPresent() && maxVariantBytes.getAsLong() < 0) {
            throw new IllegalArgumentException("the variant budget must not be negative");
        }
    }

    /** A store with the default variant budget. */
    public StoreConfig(StoreMode mode, Path dataDir, UpstreamConfig upstream, S3Config s3) {
        this(mode, dataDir, upstream, s3, OptionalLong.empty());
    }

    /** A local or agent store, with the default variant budget. */
    public StoreConfig(StoreMode mode, Path dataDir, UpstreamConfig upstream) {
        this(mode, dataDir, upstream, null);
    }

    /** The same store keeping at most {@code bytes} of variants (0: none). */
    public StoreConfig withMaxVariantBytes(long bytes) {
        return new StoreConfig(mode, dataDir, upstream, s3, OptionalLong.of(bytes));
    }

    public enum StoreMode { LOCAL, AGENT, S3 }
}
