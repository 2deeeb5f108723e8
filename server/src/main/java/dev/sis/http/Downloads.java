package dev.sis.http;

import dev.sis.image.VariantSpec;
import dev.sis.model.FileName;
import dev.sis.model.Md5;
import dev.sis.service.ImageService;
import io.javalin.http.Context;

/**
 * The answer of every download route, legacy and {@code /v1}: the image, or {@code 304} when
 * the client's {@code If-None-Match} already names its bytes. Entity tags are derived from the
 * request (the MD5 and the variant), so a revalidation reads no image: the store is asked only
 * whether the original still exists, as for any read, and a variant not made yet is not made.
 */
final class Downloads {
    private final ImageService service;

    Downloads(ImageService service) {
        this.service = service;
    }

    /** The original of {@code md5}, under {@code name} or any name when null. */
    void original(Context ctx, Md5 md5, FileName name) {
        if (!unchanged(ctx, ImageService.originalTag(md5), md5, name)) {
            ImageResponder.send(ctx, service.original(md5, name));
        }
    }

    /** A variant of the original of {@code md5}, whose spec the route has checked against its policy. */
    void variant(Context ctx, Md5 md5, FileName name, VariantSpec spec) {
        if (!unchanged(ctx, ImageService.variantTag(md5, spec), md5, name)) {
            ImageResponder.send(ctx, service.variant(md5, name, spec));
        }
    }

    private boolean unchanged(Context ctx, String tag, Md5 md5, FileName name) {
        String ifNoneMatch = ctx.header("If-None-Match");
        if (ifNoneMatch == null || !EntityTags.matches(ifNoneMatch, ImageHeaders.quoted(tag))) {
            return false;
        }
        service.requireImage(md5, name);
        ImageResponder.notModified(ctx, tag);
        return true;
    }
}
