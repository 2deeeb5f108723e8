package dev.sis.config;

import java.util.Objects;
import java.util.Set;

/**
 * Secrets and access rules. Every one is optional: {@code null} (or an empty set) means the
 * routes it guards are open (uploads, variants) or switched off (admin).
 *
 * @param internalToken a server's store routes ({@code /derect_up}, {@code /internal/…})
 *                      require it as a Bearer token, and an agent sends it
 * @param uploadToken   every upload route (legacy and /v1) requires it, as a Bearer token or
 *                      {@code ?token=}
 * @param adminToken    DELETE and admin routes require it; without it they answer 403
 * @param signingKey    variant URLs need {@code sig=}, an HMAC-SHA256 with this key
 * @param sizes         the only variant sizes made, as {@code WxH} ({@code W} or {@code H}
 *                      empty when not given); empty for any size
 * @param corsOrigins   origins whose pages may call /v1 from a browser ({@code *} for any);
 *                      empty for none (the legacy {@code /up} always allows any, as sis 2.0 did)
 */
public record SecurityConfig(String internalToken, String uploadToken, String adminToken, String signingKey,
                             Set<String> sizes, Set<String> corsOrigins) {
    public SecurityConfig {
        for (String secret : new String[] {internalToken, uploadToken, adminToken, signingKey}) {
            if (secret != null && secret.isEmpty()) {
                throw new IllegalArgumentException("a token or key must not be empty");
            }
        }
        sizes = Set.copyOf(Objects.requireNonNull(sizes, "sizes"));
        corsOrigins = Set.copyOf(Objects.requireNonNull(corsOrigins, "corsOrigins"));
    }

    /** Tokens only: variant URLs unsigned, any size, no cross-origin /v1 calls. */
    public SecurityConfig(String internalToken, String uploadToken, String adminToken) {
        this(internalToken, uploadToken, adminToken, null, Set.of(), Set.of());
    }

    /** Tokens and variant rules, no cross-origin /v1 calls. */
    public SecurityConfig(String internalToken, String uploadToken, String adminToken, String signingKey,
                          Set<String> sizes) {
        this(internalToken, uploadToken, adminToken, signingKey, sizes, Set.of());
    }

    public static SecurityConfig none() {
        return new SecurityConfig(null, null, null);
    }

    @Override
    public String toString() {
        return "SecurityConfig[internalToken=" + shown(internalToken) + ", uploadToken=" + shown(uploadToken)
                + ", adminToken=" + shown(adminToken) + ", signingKey=" + shown(signingKey) + ", sizes=" + sizes + ", corsOrigins=" + corsOrigins + "]";
    }

    private static String shown(String secret) {
        return secret == null ? "none" : "set";
    }
}
