package dev.sis.model;

import dev.sis.errors.InvalidInputException;

import java.util.HexFormat;
import java.util.Locale;

/**
 * An image's identity: the MD5 of its bytes, as 32 lowercase hex digits.
 * Every path and cache key that includes an MD5 is built from this validated value.
 */
public record Md5(String hex) {
    private static final HexFormat HEX = HexFormat.of();

    public Md5 {
        if (!isValid(hex)) {
            throw new IllegalArgumentException("not an MD5: " + hex);
        }
    }

    /**
     * Parses an MD5 from a request. Upper-case hex digits are accepted and normalised.
     *
     * @throws InvalidInputException naming the problem, when {@code text} is not 32 hex digits
     */
    public static Md5 parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new InvalidInputException("md5 is required");
        }
        String lower = text.toLowerCase(Locale.ROOT);
        if (!isValid(lower)) {
            throw new InvalidInputException("md5 must be 32 hexadecimal digits");
        }
        return new Md5(lower);
    }

    public static Md5 of(byte[] digest) {
        if (digest.length != 16) {
            throw new IllegalArgumentException("an MD5 digest has 16 bytes, got " + digest.length);
        }
        return new Md5(HEX.formatHex(digest));
    }

    private static boolean isValid(String hex) {
        if (hex == null || hex.length() != 32) {
            return false;
        }
        for (int i = 0; i < 32; i++) {
            char c = hex.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return hex;
    }
}
