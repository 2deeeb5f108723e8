package dev.sis.http;

import dev.sis.config.UploadLimits;
import dev.sis.image.VariantSpec;
import dev.sis.model.FileName;
import dev.sis.model.Md5;
import dev.sis.security.AccessRules;
import dev.sis.security.VariantPolicy;
import dev.sis.service.ImageService;
import dev.sis.service.StoredImage;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * sis 2.0's wire contract (shared/spec/legacy-api.md), as a thin adapter over {@link ImageService}:
 * the exact routes, status codes and answer texts old clients rely on.
 */
final class LegacyRoutes {
    private static final String UPLOAD_DONE = "上传完成";
    private static final List<HandlerType> NOT_POST = List.of(
            HandlerType.GET, HandlerType.PUT, HandlerType.PATCH, HandlerType.DELETE, HandlerType.HEAD);

    private final ImageService service;
    private final Downloads downloads;
    private final UploadLimits limits;
    private final Uploads uploads;
    private final AccessRules access;
    private final VariantPolicy policy;
    private final Cors cors;

    LegacyRoutes(ImageService service, UploadLimits limits, Uploads uploads, AccessRules access, VariantPolicy policy,
                 Cors cors) {
        this.policy = policy;
        this.cors = cors;
        this.service = service;
        this.downloads = new Downloads(service);
        this.limits = limits;
        this.uploads = uploads;
        this.access = access;
    }

    void register(RoutesConfig routes) {
        uploadRoute(routes, "/up", uploads.guarded(this::upload, ErrorAnswers::legacyUpload));
        uploadRoute(routes, "/derect_up", uploads.guarded(this::directUpload, ErrorAnswers::legacyDirectUpload));
        download(routes, "/simple_down", ctx -> downloads.original(ctx, md5(ctx), null));
        download(routes, "/full_down", ctx -> downloads.original(ctx, md5(ctx), name(ctx)));
        download(routes, "/stretch_simple_down", ctx -> downloads.variant(ctx, md5(ctx), null, stretch(ctx)));
        download(routes, "/stretch_full_down", ctx -> downloads.variant(ctx, md5(ctx), name(ctx), stretch(ctx)));
    }

    private void uploadRoute(RoutesConfig routes, String path, Handler post) {
        routes.options(path, cors::answerLegacyPreflight);
        routes.post(path, ctx -> {
            cors.allowLegacyUpload(ctx);
            post.handle(ctx);
        });
        for (HandlerType method : NOT_POST) {
            routes.addHttpHandler(method, path, ctx -> {
                cors.allowLegacyUpload(ctx);
                RequestBodies.drain(ctx, limits.maxRequestBytes());
                ErrorAnswers.legacyText(ctx, 400, ErrorAnswers.LEGACY_BAD_REQUEST);
            });
        }
    }

    private void upload(Context ctx) throws Exception {
        access.checkUpload(ctx.header("Authorization"), ctx.queryParam("token"));
        List<StoredImage> stored = uploads.multipart(ctx, Uploads.Md5Source.NONE);
        List<Map<String, String>> answer = stored.stream().map(LegacyRoutes::entry).toList();
        ctx.status(200).contentType("application/json").result(Json.write(answer));
    }

    private void directUpload(Context ctx) throws Exception {
        uploads.multipart(ctx, Uploads.Md5Source.FIELD_NAME);
        ctx.status(200).contentType("text/plain; charset=utf-8").result(UPLOAD_DONE.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, String> entry(StoredImage image) {
        Map<String, String> entry = new LinkedHashMap<>();
        entry.put("Name", image.name().value());
        entry.put("MD5", image.md5().hex());
        return entry;
    }

    /** Downloads answer GET and HEAD, and POST for parameters sent as a form body. */
    private static void download(RoutesConfig routes, String path, Handler handler) {
        Handler guarded = Guards.legacyDownload(handler);
        Guards.getAndHead(routes, path, guarded);
        routes.post(path, guarded);
    }


    private static Md5 md5(Context ctx) {
        return Md5.parse(Params.get(ctx, "md5"));
    }

    private FileName name(Context ctx) {
        String name = Params.get(ctx, "file_name");
        return FileName.parse(name == null ? "" : name, limits.maxNameBytes());
    }

    /** The stretch asked for, once the size allow-list and the signature (if configured) let it through. */
    private VariantSpec stretch(Context ctx) {
        VariantSpec spec = VariantParams.legacyStretch(name -> Params.get(ctx, name));
        policy.check(spec, ctx.path(), usedParams(ctx));
        return spec;
    }

    /**
     * The parameters as this route reads them (a form body wins over the URL), so that a
     * signature covers exactly the values used, wherever the client put them.
     */
    private static Map<String, List<String>> usedParams(Context ctx) {
        Map<String, List<String>> used = new LinkedHashMap<>();
        for (String name : List.of("md5", "file_name", "w", "h", "sig")) {
            String value = Params.get(ctx, name);
            if (value != null) {
                used.put(name, List.of(value));
            }
        }
        return used;
    }
}
