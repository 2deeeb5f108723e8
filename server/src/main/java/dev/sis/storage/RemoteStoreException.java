package dev.sis.storage;

import dev.sis.errors.UpstreamException.Kind;
import java.io.IOException;

/**
 * A store across the network (an S3 server, an agent's upstream sis server) failed: it answered
 * badly, could not be reached, or did not answer in time. It is an {@link IOException}, as every
 * failure of a store is, so one channel carries them all; {@code service.StoreFailures} turns it
 * into the 502/503/504 its {@link Kind} means, with this message, which names no bucket, key or
 * host (the store logs the cause).
 */
public final class RemoteStoreException extends IOException {
    private final Kind kind;

    public RemoteStoreException(Kind kind, String publicMessage, Throwable cause) {
        super(publicMessage, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
