package dev.sis.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A configured secret checked against {@code Authorization: Bearer …} headers. The comparison
 * takes the same time wherever the first difference is ({@link MessageDigest#isEqual}), so the
 * token cannot be guessed byte by byte from answer times.
 */
public final class BearerToken {
    private static final String PREFIX = "Bearer ";
    private final byte[] expected;

    public BearerToken(String token) {
        Objects.requireNonNull(token, "token");
        this.expected = token.getBytes(StandardCharsets.UTF_8);
    }

    /** Whether {@code authorization} (a header value, may be null) carries this token. */
    public boolean accepts(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return false;
        }
        byte[] given = authorization.substring(PREFIX.length()).trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, given);
    }

    /** The header value that carries this token. */
    public String headerValue() {
        return PREFIX + new String(expected, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "BearerToken[hidden]";
    }
}
