package dev.sis.http;

import dev.sis.config.UploadLimits;
import dev.sis.errors.InvalidInputException;
import dev.sis.http.multipart.MalformedMultipartException;
import dev.sis.http.multipart.MultipartPart;
import dev.sis.http.multipart.MultipartReader;
import dev.sis.model.FileName;
import dev.sis.model.Md5;
import dev.sis.service.ImageService;
import dev.sis.service.StoredImage;
import dev.sis.service.UploadBatch;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Reads upload requests into the service, shared by the legacy, /v1 and store routes. Each file
 * part is streamed straight into the store's staging area; the request is committed only when
 * every part was accepted. What follows every upload (the analysis, the eager presets) starts
 * here, so no upload route can miss it.
 */
final class Uploads {
    private final ImageService service;
    private final UploadLimits limits;
    private final EagerPresets eager;

    Uploads(ImageService service, UploadLimits limits, EagerPresets eager) {
        this.service = service;
        this.limits = limits;
        this.eager = eager;
    }

    /** How a file part is matched to an expected MD5: none for /up, its field name for /derect_up. */
    enum Md5Source { NONE, FIELD_NAME }

    /** Stores every file part of a multipart request, in order. */
    List<StoredImage> multipart(Context ctx, Md5Source md5Source) throws IOException {
        String boundary = boundaryOf(ctx);
        try (UploadBatch batch = service.newUpload()) {
            MultipartReader reader = new MultipartReader(RequestBodies.limited(ctx, limits.maxRequestBytes()), boundary);
            MultipartPart part;
            while ((part = nextPart(reader)) != null) {
                if (!part.isFile()) {
                    continue;
                }
                Md5 expected = md5Source == Md5Source.FIELD_NAME ? Md5.parse(part.fieldName()) : null;
                batch.add(part.fileName(), part.content(), expected);
            }
            List<StoredImage> stored = batch.commit();
            afterUpload(stored);
            return stored;
        }
    }

    /**
     * Stores a raw request body as one file called {@code name}, which must be a bare name:
     * unlike a multipart file name, it is not shortened to its last segment.
     *
     * @param expectedMd5 the MD5 the sender computed, or {@code null}; a mismatch is refused
     */
    StoredImage raw(Context ctx, String name, Md5 expectedMd5) throws IOException {
        FileName.parse(name, limits.maxNameBytes());
        try (UploadBatch batch = service.newUpload()) {
            InputStream body = RequestBodies.limited(ctx, limits.maxRequestBytes());
            batch.add(name, body, expectedMd5);
            List<StoredImage> stored = batch.commit();
            afterUpload(stored);
            return stored.getFirst();
        }
    }

    /**
     * Queues the background work an upload calls for: the analysis, then the eager presets, on
     * the node that keeps the files. An agent queues none: its upload reaches a sis server
     * through that server's store route, which queues both there, beside the original (the
     * agent would first have to read the whole original back); a sis 2.0 server keeps neither
     * an analysis nor variants, so there is nothing worth making (docs/scaling.md).
     */
    private void afterUpload(List<StoredImage> stored) {
        if (!service.filesKeptUpstream()) {
            service.afterUpload(stored, eager.any() ? eager::make : null);
        }
    }

    /**
     * Wraps an upload handler: any failure drains the unread body (so the client, still
     * sending, gets to read the answer) and is answered in the route's style.
     */
    Handler guarded(Handler handler, BiConsumer<Context, Exception> answer) {
        return ctx -> {
            try {
                handler.handle(ctx);
            } catch (Exception e) {
                RequestBodies.drain(ctx, limits.maxRequestBytes());
                answer.accept(ctx, e);
            }
        };
    }

    private static String boundaryOf(Context ctx) {
        try {
            return MultipartReader.boundaryOf(ctx.header("Content-Type"));
        } catch (MalformedMultipartException e) {
            throw new InvalidInputException("the request is not multipart/form-data: " + e.getMessage());
        }
    }

    /** The reader only reads the request body: any failure to read it is the client's (cut short, reset). */
    private static MultipartPart nextPart(MultipartReader reader) {
        try {
            return reader.next();
        } catch (MalformedMultipartException e) {
            throw new InvalidInputException("the multipart body is malformed: " + e.getMessage());
        } catch (IOException e) {
            throw new InvalidInputException("the upload could not be read: "
                    + (e.getMessage() == null ? "the body ended early" : e.getMessage()));
        }
    }
}
