package dev.sis.config;

import java.util.Objects;

/**
 * The access log: where its lines go, and whose {@code X-Forwarded-For} names the client.
 *
 * @param target         on (the logger), off, or a file
 * @param trustedProxies the peers allowed to say who the client is; none by default
 */
public record AccessLogConfig(AccessLogTarget target, TrustedProxies trustedProxies) {
    public AccessLogConfig {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(trustedProxies, "trustedProxies");
    }

    /** Lines through the logger, the peer's address as the client's. */
    public static AccessLogConfig defaults() {
        return new AccessLogConfig(new AccessLogTarget.Logger(), TrustedProxies.none());
    }
}
