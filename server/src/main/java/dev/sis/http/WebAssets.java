package dev.sis.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The page's scripts, styles and icon at {@code /web/NAME}, read from the jar once. Pages refer
 * to them with a content hash ({@code web/app.js?v=1a2b…}, see {@link #fingerprint}): an answer
 * to the current hash may be cached for a year, any other request is revalidated by its
 * {@code ETag}. So a new jar's page never runs an old script. The modules that {@code app.js}
 * imports are asked for without a hash, so they are revalidated (a 304) on each visit.
 */
final class WebAssets {
    private static final String JS = "text/javascript; charset=utf-8";
    private static final Map<String, String> FILES = Map.ofEntries(
            Map.entry("app.js", JS),
            Map.entry("dom.js", JS),
            Map.entry("images.js", JS),
            Map.entry("uploads.js", JS),
            Map.entry("builder.js", JS),
            Map.entry("recent.js", JS),
            Map.entry("legacy.js", JS),
            Map.entry("presets.js", JS),
            Map.entry("adjust.js", JS),
            Map.entry("gravity.js", JS),
            Map.entry("app.css", "text/css; charset=utf-8"),
            Map.entry("icon.svg", "image/svg+xml"));

    private record Asset(String contentType, byte[] bytes, String version) {
        String etag() {
            return "\"" + version + "\"";
        }
    }

    private final Map<String, Asset> assets = new LinkedHashMap<>();

    WebAssets() {
        FILES.forEach((name, type) -> {
            byte[] bytes = Resources.read("/web/" + name);
            assets.put(name, new Asset(type, bytes, version(bytes)));
        });
    }

    /** The HTML with every {@code "web/NAME"} attribute value turned into {@code "web/NAME?v=HASH"}. */
    String fingerprint(String html) {
        String result = html;
        for (Map.Entry<String, Asset> e : assets.entrySet()) {
            result = result.replace("\"web/" + e.getKey() + "\"", "\"web/" + e.getKey() + "?v=" + e.getValue().version() + "\"");
        }
        return result;
    }

    void register(RoutesConfig routes) {
        Guards.getAndHead(routes, "/web/{file}", this::serve);
    }

    private void serve(Context ctx) {
        Asset asset = assets.get(ctx.pathParam("file"));
        if (asset == null) {
            ctx.status(404);
            return;
        }
        ctx.contentType(asset.contentType());
        ctx.header("ETag", asset.etag());
        ctx.header("Cache-Control", asset.version().equals(ctx.queryParam("v"))
                ? ImageHeaders.CACHE_FOREVER : "no-cache");
        if (EntityTags.matches(ctx.header("If-None-Match"), asset.etag())) {
            ctx.status(304);
            return;
        }
        ctx.header("Content-Length", Integer.toString(asset.bytes().length));
        if (ctx.method() != HandlerType.HEAD) {
            ctx.result(asset.bytes());
        }
    }

    private static String version(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
