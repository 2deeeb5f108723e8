package dev.sis.errors;

/** A decodable image refused by a budget: source pixels, output pixels (422). */
public final class OverBudgetException extends SisException {
    public OverBudgetException(String publicMessage) {
        super(422, publicMessage, null);
    }

    public OverBudgetException(String publicMessage, Throwable cause) {
        super(422, publicMessage, cause);
    }
}
