package dev.sis.service;

import dev.sis.errors.OutOfSpaceException;
import dev.sis.errors.SisException;
import dev.sis.errors.StoreFailedException;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns a store's IOException into the failure a client is told of; the cause is logged, never shown. */
final class StoreFailures {
    private static final Logger LOG = LoggerFactory.getLogger(StoreFailures.class);

    private StoreFailures() {
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
