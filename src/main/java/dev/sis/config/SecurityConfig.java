package dev.sis.config;

/**
 * Secrets and access rules.
 *
 * @param internalToken when set, a server's store routes ({@code /derect_up}, {@code /internal/…})
 *                      require {@code Authorization: Bearer <token>}, and an agent sends it;
 *                      {@code null} when not set
 */
public record SecurityConfig(String internalToken) {
    public SecurityConfig {
        if (internalToken != null && internalToken.isEmpty()) {
            throw new IllegalArgumentException("an internal token must not be empty");
        }
    }

    public static SecurityConfig none() {
        return new SecurityConfig(null);
    }

    @Override
    public String toString() {
        return "SecurityConfig[internalToken=" + (internalToken == null ? "none" : "set") + "]";
    }
}
