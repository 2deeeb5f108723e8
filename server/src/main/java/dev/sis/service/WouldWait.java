package dev.sis.service;

/**
 * Thrown by a look-up asked not to wait when only a network round trip could answer it (the
 * store is S3 or an agent's server and remembers nothing fresh; an analysis not loaded yet): the
 * caller, on a thread that must never wait, hands the request to one that may. A signal, not an
 * error: one shared instance without a stack trace, so that throwing it costs nothing.
 */
public final class WouldWait extends RuntimeException {
    static final WouldWait INSTANCE = new WouldWait();

    private WouldWait() {
        super("the answer needs a network round trip", null, false, false);
    }
}
