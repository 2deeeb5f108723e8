package dev.sis.errors;

/** A file name that is not acceptable: 413 when it is too long, else 400. */
public final class InvalidNameException extends SisException {
    private final boolean tooLong;

    public InvalidNameException(String publicMessage, boolean tooLong) {
        super(tooLong ? 413 : 400, publicMessage, null);
        this.tooLong = tooLong;
    }

    public boolean tooLong() {
        return tooLong;
    }
}
