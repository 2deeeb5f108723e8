package dev.sis.security;

import dev.sis.config.SecurityConfig;
import dev.sis.errors.ForbiddenException;
import dev.sis.errors.UnauthorizedException;

/**
 * Who may upload and who may administer, from the configured tokens. Tokens arrive as
 * {@code Authorization: Bearer …}; uploads also accept {@code ?token=} because legacy clients
 * and plain HTML forms cannot set headers. Every comparison is constant-time
 * ({@link BearerToken}). Thread-safe.
 */
public final class AccessRules {
    private final BearerToken upload;
    private final BearerToken admin;

    public AccessRules(SecurityConfig config) {
        this.upload = config.uploadToken() == null ? null : new BearerToken(config.uploadToken());
        this.admin = config.adminToken() == null ? null : new BearerToken(config.adminToken());
    }

    /** Whether uploads need a token (the page shows a token field then). */
    public boolean uploadNeedsToken() {
        return upload != null;
    }

    /**
     * @param authorization the {@code Authorization} header, or null
     * @param queryToken    the {@code token} query parameter, or null
     * @throws UnauthorizedException when a token is required and missing or wrong
     */
    public void checkUpload(String authorization, String queryToken) {
        if (upload == null) {
            return;
        }
        boolean byHeader = upload.accepts(authorization);
        boolean byQuery = queryToken != null && upload.accepts("Bearer " + queryToken);
        if (!byHeader && !byQuery && !(admin != null && admin.accepts(authorization))) {
            throw new UnauthorizedException(authorization == null && queryToken == null
                    ? "this server needs an upload token: send Authorization: Bearer <token> or ?token=<token>"
                    : "the upload token is wrong");
        }
    }

    /**
     * @throws ForbiddenException    when admin routes are switched off, or the token is not the admin's
     * @throws UnauthorizedException when no token was sent
     */
    public void checkAdmin(String authorization) {
        if (admin == null) {
            throw new ForbiddenException("admin routes are off: start sis with --admin-token (or SIS_ADMIN_TOKEN) to enable them");
        }
        if (authorization == null) {
            throw new UnauthorizedException("this route needs the admin token: send Authorization: Bearer <token>");
        }
        if (!admin.accepts(authorization)) {
            throw new ForbiddenException("this route needs the admin token");
        }
    }
}
