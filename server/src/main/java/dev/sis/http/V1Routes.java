package dev.sis.http;

import dev.sis.config.UploadLimits;
import dev.sis.model.FileName;
import dev.sis.model.Md5;
import dev.sis.security.AccessRules;
import dev.sis.security.VariantPolicy;
import dev.sis.image.ImageInfo;
import dev.sis.service.ImageDetails;
import dev.sis.service.ImageService;
import dev.sis.service.StoredImage;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The /v1 JSON API (shared/spec/api-v1.md), as a thin adapter over {@link ImageService}. */
final class V1Routes {
    private final ImageService service;
    private final Downloads downloads;
    private final UploadLimits limits;
    private final Uploads uploads;
    private final VariantParams variantParams;
    private final AccessRules access;
    private final VariantPolicy policy;

    V1Routes(ImageService service, UploadLimits limits, Uploads uploads, VariantParams variantParams,
             AccessRules access, VariantPolicy policy) {
        this.policy = policy;
        this.service = service;
        this.downloads = new Downloads(service);
        this.limits = limits;
        this.uploads = uploads;
        this.variantParams = variantParams;
        this.access = access;
    }

    void register(RoutesConfig routes) {
        routes.post("/v1/images", uploads.guarded(this::uploadMultipart, ErrorAnswers::json));
        routes.put("/v1/images/{name}", uploads.guarded(this::uploadRaw, ErrorAnswers::json));
        Guards.getAndHead(routes, "/v1/images/{md5}", Guards.json(ctx -> download(ctx, null)));
        Guards.getAndHead(routes, "/v1/images/{md5}/{name}", Guards.json(ctx -> download(ctx, name(ctx))));
        routes.get("/v1/info/{md5}", Guards.json(this::info));
        routes.get("/v1/presets", Guards.json(this::presets));
        routes.put("/v1/info/{md5}/focal", Guards.json(this::correctFocal));
        routes.delete("/v1/images/{md5}", Guards.json(ctx -> delete(ctx, null)));
        routes.delete("/v1/images/{md5}/{name}", Guards.json(ctx -> delete(ctx, name(ctx))));
    }

    private void uploadMultipart(Context ctx) throws Exception {
        checkUpload(ctx);
        List<StoredImage> stored = uploads.multipart(ctx, Uploads.Md5Source.NONE);
        ctx.status(201).contentType("application/json")
                .result(Json.write(Map.of("images", stored.stream().map(this::describeWithAnalysis).toList())));
    }

    private void uploadRaw(Context ctx) throws Exception {
        checkUpload(ctx);
        StoredImage stored = uploads.raw(ctx, ctx.pathParam("name"), null);
        ctx.status(201).contentType("application/json").result(Json.write(describeWithAnalysis(stored)));
    }

    private void checkUpload(Context ctx) {
        access.checkUpload(ctx.header("Authorization"), ctx.queryParam("token"));
    }

    /**
     * Removes the original(s) and their variants; 204, or 404 when there was nothing to remove
     * (so a repeated DELETE is 404).
     */
    private void delete(Context ctx, FileName name) {
        access.checkAdmin(ctx.header("Authorization"));
        Md5 md5 = Md5.parse(ctx.pathParam("md5"));
        if (!service.delete(md5, name)) {
            throw new dev.sis.errors.NotFoundException(name == null
                    ? "no image with md5 " + md5 : "no image with md5 " + md5 + " and name " + name);
        }
        ctx.status(204);
    }

    private void download(Context ctx, FileName name) {
        Md5 md5 = Md5.parse(ctx.pathParam("md5"));
        if (variantParams.varies(ctx::queryParam)) {
            // set first, so errors and 304s say it too; added to (not replacing) a CORS Vary: Origin
            ctx.res().addHeader("Vary", "Accept");
        }
        var spec = variantParams.request(ctx::queryParam, ctx.header("Accept"));
        if (spec.isEmpty()) {
            downloads.original(ctx, md5, name);
            return;
        }
        if (ctx.queryParam(VariantParams.PRESET) != null) {
            // the operator named the preset: --sizes does not restrict it, a signature still does
            policy.checkSignature(ctx.req().getRequestURI(), ctx.queryParamMap());
        } else {
            policy.check(spec.get(), ctx.req().getRequestURI(), ctx.queryParamMap());
        }
        downloads.variant(ctx, md5, name, service.analyses().resolve(md5, spec.get()));
    }

    /**
     * {@code PUT /v1/info/{md5}/focal} with {@code {"x":0.3,"y":0.6}} and the admin token: the
     * image's focal point from now on; answers as {@code GET /v1/info/{md5}}.
     */
    private void correctFocal(Context ctx) throws java.io.IOException {
        access.checkAdmin(ctx.header("Authorization"));
        Md5 md5 = Md5.parse(ctx.pathParam("md5"));
        service.analyses().correctFocal(md5, FocalBody.parse(RequestBodies.limited(ctx, FocalBody.MAX_BYTES)));
        info(ctx);
    }

    private void info(Context ctx) {
        ImageDetails details = service.info(Md5.parse(ctx.pathParam("md5")));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("md5", details.md5().hex());
        body.put("names", details.names().stream().map(FileName::value).toList());
        body.put("size", details.size());
        ImageInfo info = details.info();
        body.put("contentType", info == null ? "application/octet-stream" : info.format().mediaType());
        body.put("format", info == null ? null : info.format().urlName());
        body.put("width", info == null ? null : info.width());
        body.put("height", info == null ? null : info.height());
        body.put("frames", info == null ? null : info.frames());
        putAnalysis(body, details.md5());
        ctx.status(200).contentType("application/json").result(Json.write(body));
    }

    /** The presets ({@code ?preset=}) and whether there is a watermark ({@code wm=}): what the page's builder offers. */
    private void presets(Context ctx) {
        var features = variantParams.features();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("presets", features.presets().stream().map(p -> {
            Map<String, Object> preset = new LinkedHashMap<>();
            preset.put("name", p.name());
            preset.put("parameters", p.parameters());
            preset.put("eager", p.eager());
            return preset;
        }).toList());
        body.put("presetsOnly", features.presetsOnly());
        body.put("watermark", features.watermark() != null);
        body.put("watermarkAll", features.watermarkAll());
        ctx.status(200).contentType("application/json").result(Json.write(body));
    }

    /** As {@link #describe}, with the image's analysis when it is known (an image uploaded before). */
    private Map<String, Object> describeWithAnalysis(StoredImage image) {
        Map<String, Object> entry = describe(image);
        if (image.info() != null) {
            putAnalysis(entry, image.md5());
        }
        return entry;
    }

    /** {@code focal}, {@code blurhash}, {@code dominantColor}: absent until the analysis is made. */
    private void putAnalysis(Map<String, Object> body, Md5 md5) {
        service.analyses().find(md5).ifPresent(analysis -> {
            body.put("focal", Map.of("x", analysis.focal().x(), "y", analysis.focal().y()));
            body.put("blurhash", analysis.blurHash());
            body.put("dominantColor", analysis.dominantColor());
        });
    }

    private static Map<String, Object> describe(StoredImage image) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", image.name().value());
        entry.put("md5", image.md5().hex());
        entry.put("size", image.size());
        ImageInfo info = image.info();
        entry.put("contentType", info == null ? "application/octet-stream" : info.format().mediaType());
        entry.put("width", info == null ? null : info.width());
        entry.put("height", info == null ? null : info.height());
        entry.put("url", "/v1/images/" + image.md5().hex() + "/" + UrlPaths.encodeSegment(image.name().value()));
        return entry;
    }

    private FileName name(Context ctx) {
        return FileName.parse(ctx.pathParam("name"), limits.maxNameBytes());
    }

}
