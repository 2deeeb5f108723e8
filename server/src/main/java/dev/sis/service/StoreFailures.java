package dev.sis.service;

import dev.sis.errors.NotFoundException;
import dev.sis.errors.OutOfSpaceException;
import dev.sis.errors.SisException;
import dev.sis.errors.StoreFailedException;
import dev.sis.errors.UpstreamException;
import dev.sis.storage.RemoteStoreException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns a store's IOException into the failure a client is told of; the cause is logged, never shown. */
public final class StoreFailures {
    private static final Logger LOG = LoggerFactory.getLogger(StoreFailures.class);

    private StoreFailures() {
    }

    /**
     * As {@link #translate}, for reading a stored file: one removed since it was found was
     * deleted while it was being read, and a request that raced a DELETE is told the image is gone.
     */
    static SisException reading(String action, IOException e) {
        if (e instanceof NoSuchFileException) {
            return new NotFoundException("the image was deleted while it was being read");
        }
        return translate(action, e);
    }

    /** A call to the store that may fail with an {@link IOException}. */
    public interface StoreCall<T> {
        T call() throws IOException;
    }

    /** Runs {@code call}, its IOException turned into the failure a client is told of ({@link #translate}). */
    public static <T> T call(String action, StoreCall<T> call) {
        try {
            return call.call();
        } catch (IOException e) {
            throw translate(action, e);
        }
    }

    /**
     * The failure a client is told of for a store's {@link IOException}, the one place where a
     * store's failures get their HTTP meaning: a store across the network that failed is a
     * 502/503/504 (logged by the store itself), a full disk a 507, anything else a 500.
     */
    public static SisException translate(String action, IOException e) {
        UpstreamException remote = remoteFailure(e);
        if (remote != null) {
            return remote;
        }
        if (isOutOfSpace(e)) {
            LOG.error("store is out of space while {}", action, e);
            return new OutOfSpaceException("the store is out of space", e);
        }
        LOG.error("store failed while {}", action, e);
        return new StoreFailedException("the store failed", e);
    }

    /**
     * The 502/503/504 for a failure of a store across the network anywhere in {@code e}'s causes
     * (a decoder may wrap the stream's failure in its own), or null when there is none.
     */
    public static UpstreamException remoteFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RemoteStoreException failed) {
                return new UpstreamException(failed.kind(), failed.getMessage(), failed);
            }
        }
        return null;
    }

    private static boolean isOutOfSpace(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && (message.contains("No space left on device") || message.contains("Disk quota exceeded"))) {
                return true;
            }
        }
        return false;
    }
}
