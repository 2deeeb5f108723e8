package dev.sis.http;

import dev.sis.cache.OffHeapFile;
import dev.sis.cache.OffHeapImage;
import dev.sis.image.VariantSpec;
import dev.sis.model.Md5;
import dev.sis.service.ImageContent;
import dev.sis.service.ImageService;
import dev.sis.service.WouldWait;
import java.util.Optional;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * The hot path: answers plain GETs of images that are in the memory cache straight from Jetty,
 * before the servlet layer and Javalin, with the same answer those would give; everything else
 * goes on to them unchanged.
 *
 * <p>Design note: this handler only ever answers a 200 with the whole cached file, for the
 * download routes ({@code /simple_down}, {@code /stretch_simple_down},
 * {@code /v1/images/{md5}}) called with nothing but their plain parameters: no {@code Range},
 * no conditional request, no {@code Origin} (CORS), no form body, no signed or restricted
 * sizes, no parameter it does not know, and a cache hit whose original still exists
 * ({@link dev.sis.service.Variants#cached}). Any doubt, any failure, any miss: the request goes on
 * as if this handler were not there, and the routes answer it (with the errors in their
 * styles). The query is read by the routes' {@link VariantParams}, the image headers are built
 * by the routes' {@link ImageHeaders} (encoded once per cached entry and kept with it), the
 * other headers are the ones the routes' before-handlers set; the request is logged and timed
 * by the same {@link RequestLog}.
 *
 * <p>Threads: this handler says it never blocks, which makes Jetty run it on the thread that
 * parsed the request (a selector thread) instead of starting a virtual thread per request. So
 * it answers a hit there only when nothing can wait: the existence check is a local
 * {@code stat} or a fresh remembered yes ({@link dev.sis.storage.ImageStore#existsWithoutWaiting}),
 * the write is asynchronous (a slow reader holds its own connection, not the thread), and the
 * metrics and access log take no lock held for long. Everything else (the routes, a check
 * that needs S3 or an agent's server, a focal point not yet in memory) goes on to a virtual
 * thread, as every request did before.
 */
final class CachedReads extends Handler.Wrapper {
    private static final HttpField NOSNIFF = new PreEncodedHttpField("X-Content-Type-Options", "nosniff");
    private static final HttpField VARY_ORIGIN = new PreEncodedHttpField(HttpHeader.VARY, "Origin");
    private static final HttpField VARY_ACCEPT = new PreEncodedHttpField(HttpHeader.VARY, "Accept");
    private static final String V1_IMAGES = "/v1/images/";
    private final ImageService service;
    private final RequestLog requestLog;
    private final boolean enabled;
    private final boolean varyOnOrigin;
    private final VariantParams variantParams;

    /**
     * @param enabled      false when variant sizes are restricted or signed: then every request
     *                     goes through the routes, which check that
     * @param varyOnOrigin CORS origins are configured: /v1 answers say {@code Vary: Origin}
     * @param variantParams the routes' parser of /v1 variant parameters
     */
    CachedReads(ImageService service, RequestLog requestLog, boolean enabled, boolean varyOnOrigin,
            VariantParams variantParams) {
        this.service = service;
        this.requestLog = requestLog;
        this.enabled = enabled;
        this.varyOnOrigin = varyOnOrigin;
        this.variantParams = variantParams;
    }

    /**
     * Never blocks, so that Jetty runs {@link #handle} on the thread that parsed the request
     * (its server is non-blocking only when every handler in its tree says so): a hit is
     * answered there, and whatever could block goes to a virtual thread ({@link #toRoutes}).
     */
    @Override
    public InvocationType getInvocationType() {
        return InvocationType.NON_BLOCKING;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (!enabled || !"GET".equals(request.getMethod()) || hasAnyOf(request.getHeaders())) {
            return toRoutes(request, response, callback);
        }
        try {
            return answer(request, response, callback, false) || toRoutes(request, response, callback);
        } catch (WouldWait needsNetwork) {
            // The existence check (S3, an agent's server) or the focal point may be a round trip.
            return onVirtualThread(request, callback, () -> {
                if (!answer(request, response, callback, true)) {
                    routes(request, response, callback);
                }
            });
        }
    }

    /** The routes, on a virtual thread: they may block (store reads, resizes, request bodies). */
    private boolean toRoutes(Request request, Response response, Callback callback) {
        return onVirtualThread(request, callback, () -> routes(request, response, callback));
    }

    private void routes(Request request, Response response, Callback callback) throws Exception {
        if (!super.handle(request, response, callback)) {
            Response.writeError(request, response, callback, HttpStatus.NOT_FOUND_404);
        }
    }

    /** Runs {@code work} on the server's executor (a new virtual thread); a failure fails the request. */
    private static boolean onVirtualThread(Request request, Callback callback, Work work) {
        request.getComponents().getExecutor().execute(() -> {
            try {
                work.run();
            } catch (Throwable failed) {
                callback.failed(failed);
            }
        });
        return true;
    }

    @FunctionalInterface
    private interface Work {
        void run() throws Exception;
    }

    /**
     * Answers a cache hit with its 200.
     *
     * @param mayWait false on the thread that parsed the request: then the look-up throws
     *                {@link WouldWait} rather than wait on the network
     * @return false when the routes must answer (a miss, any doubt)
     */
    private boolean answer(Request request, Response response, Callback callback, boolean mayWait) {
        long started = System.nanoTime();
        String path = request.getHttpURI().getPath();
        Optional<ImageContent> hit;
        String route;
        boolean negotiated = false;
        try {
            if (path.equals("/stretch_simple_down") || path.equals("/simple_down")) {
                route = path;
                hit = legacy(path, query(request), mayWait);
            } else if (path.startsWith(V1_IMAGES) && path.indexOf('/', V1_IMAGES.length()) < 0) {
                route = "/v1/images/{md5}";
                Fields query = query(request);
                negotiated = variantParams.varies(query::getValue);
                hit = v1(path.substring(V1_IMAGES.length()), query, request.getHeaders().get(HttpHeader.ACCEPT), mayWait);
            } else {
                return false;
            }
        } catch (WouldWait needsNetwork) {
            throw needsNetwork;
        } catch (RuntimeException doubt) { // a SisException (not found, bad md5…) or a malformed query
            return false;
        }
        if (hit.isEmpty()) {
            return false;
        }
        ImageContent content = hit.get();
        OffHeapFile file = (OffHeapFile) content.file();
        try {
            addHeaders(request, response, route, negotiated, content);
        } catch (RuntimeException | Error failed) {
            file.release();
            throw failed;
        }
        response.setStatus(200);
        // Straight from the cache's native memory to the socket, whatever its size; the hold ends
        // with the write. Asynchronous: on the thread that parsed the request, a slow reader must
        // not hold it. Large answers too are written here: with one selector per core, handing a
        // 513 KB original to a virtual thread cost 1.1-1.6x the CPU per answer (a thread to start
        // and wake, carriers started and retired) for no more parallelism than the selectors
        // already have (docs/performance.md, "The cached original against nginx").
        response.write(true, file.image().buffer(), releasing(file, callback));
        requestLog.record(route, "GET", 200, (System.nanoTime() - started) / 1e6f);
        return true;
    }

    private void addHeaders(Request request, Response response, String route, boolean negotiated, ImageContent content) {
        HttpFields.Mutable headers = response.getHeaders();
        headers.add(NOSNIFF);
        headers.add(RequestLog.REQUEST_ID, RequestLog.idFor(request.getHeaders().get(RequestLog.REQUEST_ID)));
        if (varyOnOrigin && route.startsWith("/v1/")) {
            headers.add(VARY_ORIGIN);
        }
        if (negotiated) {
            headers.add(VARY_ACCEPT); // as V1Routes says it
        }
        for (HttpField field : entryHeaders(content)) {
            headers.add(field);
        }
    }

    /** The entry's own headers, encoded on its first hit and kept with it for the next ones. */
    private static HttpField[] entryHeaders(ImageContent content) {
        OffHeapImage entry = ((OffHeapFile) content.file()).image();
        if (entry.answerMemo() instanceof HttpField[] encoded) {
            return encoded;
        }
        HttpField[] encoded = ImageHeaders.encoded(content);
        entry.rememberForAnswers(encoded);
        return encoded;
    }

    /**
     * {@code callback}, once the cached entry's hold is given back (whether the write worked or
     * not). It keeps {@code callback}'s invocation type, which tells Jetty where the write goes on
     * when the socket drains: on the selector, for an answer made there.
     */
    private static Callback releasing(OffHeapFile file, Callback callback) {
        return new Callback() {
            @Override
            public void succeeded() {
                file.release();
                callback.succeeded();
            }

            @Override
            public void failed(Throwable cause) {
                file.release();
                callback.failed(cause);
            }

            @Override
            public InvocationType getInvocationType() {
                return callback.getInvocationType();
            }
        };
    }

    /** Headers that make an answer other than a plain 200 of the whole file, or need CORS or a form. */
    private static boolean hasAnyOf(HttpFields headers) {
        return headers.contains(HttpHeader.RANGE) || headers.contains(HttpHeader.IF_NONE_MATCH)
                || headers.contains(HttpHeader.IF_RANGE) || headers.contains(HttpHeader.ORIGIN)
                || headers.contains(HttpHeader.CONTENT_TYPE) || headers.contains(HttpHeader.CONTENT_LENGTH)
                || headers.contains(HttpHeader.TRANSFER_ENCODING);
    }

    /** {@code /simple_down?md5=} and {@code /stretch_simple_down?md5=&w=&h=}, nothing else. */
    private Optional<ImageContent> legacy(String path, Fields query, boolean mayWait) {
        for (Fields.Field field : query) {
            if (!isLegacyParameter(field.getName()) || field.getValues().size() != 1) {
                return Optional.empty();
            }
        }
        Md5 md5 = Md5.parse(single(query, "md5"));
        if (path.equals("/simple_down")) {
            return query.getSize() == 1 ? service.originals().cached(md5, mayWait) : Optional.empty();
        }
        if (query.getSize() != 3) {
            return Optional.empty();
        }
        return service.variants().cached(md5, VariantParams.legacyStretch(query::getValue), mayWait);
    }

    /** {@code /v1/images/{md5}} with at most {@code w h fit format q gravity fp preset wm} and the geometry and effects, each given once. */
    private Optional<ImageContent> v1(String md5Segment, Fields query, String accept, boolean mayWait) {
        Md5 md5 = Md5.parse(md5Segment);
        for (Fields.Field field : query) {
            if (!isV1Parameter(field.getName()) || field.getValues().size() != 1) {
                return Optional.empty();
            }
        }
        Optional<VariantSpec> spec = variantParams.request(query::getValue, accept);
        if (spec.isEmpty()) {
            return service.originals().cached(md5, mayWait);
        }
        VariantSpec resolved = mayWait ? service.analyses().resolve(md5, spec.get())
                : service.analyses().resolveWithoutWaiting(md5, spec.get());
        return service.variants().cached(md5, resolved, mayWait);
    }

    /**
     * The query's parameters. A query with nothing to decode (ASCII, no {@code %} or {@code +}:
     * every URL sis and its clients make) is split here, at a fraction of the cost of Jetty's
     * UTF-8 decoder, which was a tenth of a cached read's time; any other is Jetty's to read.
     */
    private static Fields query(Request request) {
        Fields plain = plainQuery(request.getHttpURI().getQuery());
        return plain != null ? plain : Request.extractQueryParameters(request);
    }

    /** The parameters of a query with nothing to decode, as Jetty reads them; {@code null} for any other. */
    static Fields plainQuery(String query) {
        if (query == null || query.isEmpty()) {
            return Fields.EMPTY;
        }
        for (int i = 0; i < query.length(); i++) {
            char c = query.charAt(i);
            if (c == '%' || c == '+' || c > 0x7E) {
                return null;
            }
        }
        Fields fields = new Fields(true);
        int start = 0;
        while (start <= query.length()) {
            int end = query.indexOf('&', start);
            if (end < 0) {
                end = query.length();
            }
            if (end > start) {
                int equals = query.indexOf('=', start);
                if (equals < 0 || equals > end) {
                    fields.add(query.substring(start, end), "");
                } else {
                    fields.add(query.substring(start, equals), query.substring(equals + 1, end));
                }
            }
            start = end + 1;
        }
        return fields;
    }

    // Switches, not String.matches: that compiles its pattern on every call, on every cached read.
    private static boolean isLegacyParameter(String name) {
        return switch (name) {
            case "md5", "w", "h" -> true;
            default -> false;
        };
    }

    private static boolean isV1Parameter(String name) {
        return switch (name) {
            case "w", "h", "fit", "format", "q", "gravity", "fp", "preset", "wm" -> true;
            default -> TransformParams.NAMES.contains(name);
        };
    }

    private static String single(Fields query, String name) {
        Fields.Field field = query.get(name);
        if (field == null || field.getValues().size() != 1) {
            throw new IllegalArgumentException("not a plain " + name);
        }
        return field.getValue();
    }
}
