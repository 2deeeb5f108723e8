package dev.sis.config;

/**
 * Secrets and access rules. Every token is optional: {@code null} means the routes it guards
 * are open (upload) or switched off (admin).
 *
 * @param internalToken a server's store routes ({@code /derect_up}, {@code /internal/…})
 *                      require it as a Bearer token, and an agent sends it
 * @param uploadToken   every upload route (legacy and /v1) requires it, as a Bearer token or
 *                      {@code ?token=}
 * @param adminToken    DELETE and admin routes require it; without it they answer 403
 */
public record SecurityConfig(String internalToken, String uploadToken, String adminToken) {
    public SecurityConfig {
        for (String token : new String[] {internalToken, uploadToken, adminToken}) {
            if (token != null && token.isEmpty()) {
                throw new IllegalArgumentException("a token must not be empty");
            }
        }
    }

    public static SecurityConfig none() {
        return new SecurityConfig(null, null, null);
    }

    @Override
    public String toString() {
        return "SecurityConfig[internalToken=" + shown(internalToken) + ", uploadToken=" + shown(uploadToken)
                + ", adminToken=" + shown(adminToken) + "]";
    }

    private static String shown(String token) {
        return token == null ? "none" : "set";
    }
}
