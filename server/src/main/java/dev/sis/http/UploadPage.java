package dev.sis.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The pages, served from the jar: the upload page at {@code /} and sis 2.0's page at
 * {@code /legacy.html}. The server fills in what the page must know before it sends anything
 * (whether uploads need a token, the upload size limit, the largest {@code w}/{@code h}, whether
 * only presets are made) as
 * {@code data-} attributes of {@code <body>}; the script reads them there. No inline script or
 * style: the CSP allows only this server's files.
 */
final class UploadPage {
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    /** The upload-token field, sent only where uploads need the token. */
    private static final String TOKEN_ROW = "/web/token-row.html";

    private final byte[] index;
    private final byte[] legacy;

    /**
     * @param uploadNeedsToken whether the page shows the upload-token field from the start
     * @param maxUploadBytes   the largest upload request; the page refuses bigger files before sending
     * @param maxDimension     the largest {@code w} or {@code h} the variant builder offers
     * @param presetsOnly      {@code --presets-only}: thumbnails show the original, as the server makes no other size
     */
    UploadPage(WebAssets assets, boolean uploadNeedsToken, long maxUploadBytes, int maxDimension, boolean presetsOnly) {
        this.index = page(assets, "/web/index.html", Map.of(
                "{{uploadToken}}", uploadNeedsToken ? "required" : "open",
                "{{tokenRow}}", uploadNeedsToken ? new String(Resources.read(TOKEN_ROW), StandardCharsets.UTF_8) : "",
                "{{maxUploadBytes}}", Long.toString(maxUploadBytes),
                "{{maxDimension}}", Integer.toString(maxDimension),
                "{{presetsOnly}}", Boolean.toString(presetsOnly)));
        this.legacy = page(assets, "/web/legacy.html", Map.of());
    }

    void register(RoutesConfig routes) {
        Guards.getAndHead(routes, "/", ctx -> send(ctx, index));
        Guards.getAndHead(routes, "/legacy.html", ctx -> send(ctx, legacy));
    }

    private static void send(Context ctx, byte[] html) {
        ctx.contentType("text/html; charset=utf-8")
                .header("Content-Security-Policy", CSP)
                .header("Referrer-Policy", "no-referrer")
                .header("Cache-Control", "no-cache")
                .result(html);
    }

    private static byte[] page(WebAssets assets, String resource, Map<String, String> values) {
        String html = new String(Resources.read(resource), StandardCharsets.UTF_8);
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (!html.contains(e.getKey())) {
                throw new IllegalStateException(resource + " lacks the placeholder " + e.getKey());
            }
            html = html.replace(e.getKey(), e.getValue());
        }
        return assets.fingerprint(html).getBytes(StandardCharsets.UTF_8);
    }
}
