package dev.sis.service;

import dev.sis.errors.NotFoundException;
import dev.sis.errors.OutOfSpaceException;
import dev.sis.errors.SisException;
import dev.sis.errors.StoreFailedException;
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

    static SisException translate(String action, IOException e) {
        if (isOutOfSpace(e)) {
            LOG.error("store is out of space while {}", action, e);
            return new OutOfSpaceException("the store is out of space", e);
        }
        LOG.error("store failed while {}", action, e);
        return new StoreFailedException("the store failed", e);
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
