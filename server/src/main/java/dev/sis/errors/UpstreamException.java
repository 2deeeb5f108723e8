package dev.sis.errors;

/**
 * An agent's upstream server failed: it answered badly (502), could not be reached (503), or
 * did not answer in time (504); or it cannot do what was asked at all (501: a sis 2.0 server
 * neither deletes, nor lists names, nor keeps variants). Never a success for work that was not
 * done upstream.
 */
public final class UpstreamException extends SisException {
    /** What went wrong with the upstream, and the status each maps to. */
    public enum Kind {
        BAD_ANSWER(502), UNREACHABLE(503), TIMED_OUT(504), NOT_OFFERED(501);

        private final int status;

        Kind(int status) {
            this.status = status;
        }
    }

    private final Kind kind;

    public UpstreamException(Kind kind, String publicMessage, Throwable cause) {
        super(kind.status, publicMessage, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
