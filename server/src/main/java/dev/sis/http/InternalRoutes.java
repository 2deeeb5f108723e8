package dev.sis.http;

import dev.sis.config.UploadLimits;
import dev.sis.errors.NotFoundException;
import dev.sis.model.FileName;
import dev.sis.model.Md5;
import dev.sis.security.BearerToken;
import dev.sis.service.ImageContent;
import dev.sis.service.ImageService;
import dev.sis.service.StoreFailures;
import dev.sis.service.StoredImage;
import dev.sis.storage.StoredFile;
import dev.sis.storage.VariantKey;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;

/**
 * A server's store, offered over HTTP to its agents ({@code storage.remote.RemoteImageStore}
 * is the other end): reads go straight to the store, variants through the
 * {@code service.VariantIntake}, deletes through the catalog so that the cache forgets them.
 * The trust model (docs/security.md):
 * <ul>
 *   <li>With an internal token configured, these routes and {@code /derect_up} require it.</li>
 *   <li>Without one, they may do no more than {@code /derect_up} and the public downloads:
 *       reads, and originals whose MD5 the server recomputes (the same checks as any upload).
 *       Deleting and storing variants are refused (403), since anyone who reaches the port could
 *       do them; an agent without the token keeps the variants it makes in its own memory.</li>
 *   <li>A variant, even from an agent with the token, is stored only once the server has checked
 *       it is that variant of a stored original (its format and size, from the headers).</li>
 * </ul>
 */
final class InternalRoutes {
    static final String PREFIX = "/internal/v1";

    private final ImageService service;
    private final UploadLimits limits;
    private final Uploads uploads;
    private final BearerToken token;
    private final boolean off;

    /**
     * @param token the internal token, or {@code null} when the routes are open
     * @param off   whether the routes are switched off: without an internal token they would let
     *              anyone past the upload and admin tokens, so a server that has either but no
     *              internal token answers them 403
     */
    InternalRoutes(ImageService service, UploadLimits limits, Uploads uploads, BearerToken token, boolean off) {
        this.service = service;
        this.limits = limits;
        this.uploads = uploads;
        this.token = token;
        this.off = off;
    }

    void register(RoutesConfig routes) {
        if (off) {
            routes.before(PREFIX + "/*", this::refuse);
            routes.before("/derect_up", this::refuse);
        } else if (token != null) {
            routes.before(PREFIX + "/*", this::requireToken);
            routes.before("/derect_up", this::requireToken);
        }
        routes.put(PREFIX + "/originals/{md5}/{name}", uploads.guarded(this::putOriginal, ErrorAnswers::json));
        Guards.getAndHead(routes, PREFIX + "/originals/{md5}/{name}", Guards.json(this::getOriginal));
        routes.get(PREFIX + "/names/{md5}", Guards.json(this::names));
        Guards.getAndHead(routes, PREFIX + "/variants/{md5}/{variant}", Guards.json(this::getVariant));
        boolean trusted = token != null;
        routes.put(PREFIX + "/variants/{md5}/{variant}",
                trusted ? uploads.guarded(this::putVariant, ErrorAnswers::json) : this::refuseUntrustedWrite);
        routes.delete(PREFIX + "/originals/{md5}",
                trusted ? Guards.json(ctx -> delete(ctx, null)) : this::refuseUntrustedWrite);
        routes.delete(PREFIX + "/originals/{md5}/{name}",
                trusted ? Guards.json(ctx -> delete(ctx, name(ctx))) : this::refuseUntrustedWrite);
    }

    private void requireToken(Context ctx) {
        if (!token.accepts(ctx.header("Authorization"))) {
            ctx.skipRemainingHandlers();
            RequestBodies.drain(ctx, limits.maxRequestBytes());
            ctx.header("WWW-Authenticate", "Bearer");
            ErrorAnswers.json(ctx, 401, "this route needs the internal token (Authorization: Bearer …)");
        }
    }

    private void refuse(Context ctx) {
        ctx.skipRemainingHandlers();
        RequestBodies.drain(ctx, limits.maxRequestBytes());
        ErrorAnswers.json(ctx, 403, "the store routes are off: this server has an upload or admin token, "
                + "so its agents need --internal-token (SIS_INTERNAL_TOKEN) too");
    }

    /** Deleting and storing variants without a token: anyone reaching the port could do it. */
    private void refuseUntrustedWrite(Context ctx) {
        RequestBodies.drain(ctx, limits.maxRequestBytes());
        ErrorAnswers.json(ctx, 403, "deleting images and storing variants through the store routes need the "
                + "internal token: start this server and its agents with --internal-token (SIS_INTERNAL_TOKEN)");
    }

    private void putOriginal(Context ctx) throws Exception {
        Md5 md5 = md5(ctx);
        StoredImage stored = uploads.raw(ctx, ctx.pathParam("name"), md5);
        ctx.status(stored.created() ? 201 : 200).contentType("application/json")
                .result(Json.write(Map.of("md5", stored.md5().hex(), "name", stored.name().value())));
    }

    private void getOriginal(Context ctx) {
        Md5 md5 = md5(ctx);
        FileName name = name(ctx);
        StoredFile file = StoreFailures.call("looking up an original", () -> service.store().original(md5, name))
                .orElseThrow(() -> new NotFoundException("no image with md5 " + md5 + " and name " + name));
        ImageResponder.send(ctx, new ImageContent(md5, null, md5.hex(), file));
    }

    private void names(Context ctx) {
        ctx.contentType("application/json")
                .result(Json.write(service.catalog().names(md5(ctx)).stream().map(FileName::value).toList()));
    }

    private void putVariant(Context ctx) throws Exception {
        service.intake().put(md5(ctx), variant(ctx), RequestBodies.limited(ctx, limits.maxRequestBytes()));
        ctx.status(204);
    }

    private void getVariant(Context ctx) {
        Md5 md5 = md5(ctx);
        VariantKey key = variant(ctx);
        StoredFile file = StoreFailures.call("looking up a variant", () -> service.store().variant(md5, key))
                .orElseThrow(() -> new NotFoundException("no such variant"));
        ImageResponder.send(ctx, new ImageContent(md5, null, md5.hex() + "-" + key.id(), file));
    }

    private void delete(Context ctx, FileName name) {
        ctx.status(service.catalog().delete(md5(ctx), name) ? 204 : 404);
    }

    private static Md5 md5(Context ctx) {
        return Md5.parse(ctx.pathParam("md5"));
    }

    private FileName name(Context ctx) {
        return FileName.parse(ctx.pathParam("name"), limits.maxNameBytes());
    }

    /** {@code ID.EXT}, as {@link VariantKey} names a variant in a store. */
    static VariantKey variant(Context ctx) {
        String variant = ctx.pathParam("variant");
        int dot = variant.lastIndexOf('.');
        try {
            return new VariantKey(variant.substring(0, Math.max(dot, 0)), variant.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            throw new dev.sis.errors.InvalidInputException("not a variant name: ID.EXT expected");
        }
    }

}
