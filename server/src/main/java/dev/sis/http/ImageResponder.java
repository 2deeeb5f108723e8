package dev.sis.http;

import dev.sis.errors.NotFoundException;
import dev.sis.service.ImageContent;
import dev.sis.storage.InMemoryFile;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;

/**
 * Answers with image bytes the way a static file server does: real {@code Content-Type},
 * {@code Content-Length}, strong {@code ETag} with {@code If-None-Match} → 304, immutable
 * caching, single byte {@code Range} → 206, and {@code HEAD}. Stored bytes never change, so
 * every answer may be cached forever.
 *
 * <p>Hot path (a cached thumbnail is answered tens of thousands of times a second): the headers
 * are added to the servlet response directly ({@code setHeader}, which Javalin's
 * {@code ctx.header} calls, scans the headers already set for one to replace), and bytes in
 * memory are handed to the servlet output stream whole, which writes them to the socket from
 * that array (Javalin's {@code result(byte[])} would copy them through its own stream).
 */
final class ImageResponder {
    private ImageResponder() {
    }

    static void send(Context ctx, ImageContent content) {
        String etag = ImageHeaders.quoted(content.etag());
        long size = content.file().size();
        boolean notModified = EntityTags.matches(ctx.header("If-None-Match"), etag);
        ByteRange range = notModified ? null : rangeOf(ctx, etag, size);
        boolean unsatisfiable = range == ByteRange.UNSATISFIABLE;
        long offset = range == null || unsatisfiable ? 0 : range.first();
        long length = range == null ? size : unsatisfiable ? 0 : range.length();
        boolean head = ctx.method() == HandlerType.HEAD;
        boolean wholeInMemory = content.file() instanceof InMemoryFile memory && offset == 0 && length == memory.size();
        // A body read from a store is opened before any header is set: a file gone since its
        // lookup (a variant its budget let go, a DELETE in between) is then a plain 404, not an
        // answer already marked cacheable for a year.
        InputStream stored = notModified || unsatisfiable || head || wholeInMemory ? null : open(content, offset, length);
        ImageHeaders.addTo(ctx.res(), content);

        if (notModified) {
            ctx.status(304);
            return;
        }
        if (unsatisfiable) {
            ctx.header("Content-Range", "bytes */" + size);
            ctx.status(416).result(new byte[0]);
            return;
        }
        if (range != null) {
            ctx.status(206);
            ctx.header("Content-Range", "bytes " + range.first() + "-" + range.last() + "/" + size);
        }
        ctx.res().setContentLengthLong(length);
        if (stored != null) {
            ctx.result(stored);
        } else if (!head) {
            writeWhole(ctx, (InMemoryFile) content.file());
        }
    }

    /**
     * A {@code 304} for a client that has the bytes tagged {@code tag}, answered without them:
     * the validator and the caching header, as RFC 9110 §15.4.5 asks.
     */
    static void notModified(Context ctx, String tag) {
        ImageHeaders.addNotModified(ctx.res(), tag);
        ctx.status(304);
    }

    private static ByteRange rangeOf(Context ctx, String etag, long size) {
        String header = ctx.header("Range");
        if (header == null) {
            return null;
        }
        String ifRange = ctx.header("If-Range");
        if (ifRange != null && !ifRange.equals(etag)) {
            return null;
        }
        return ByteRange.parse(header, size);
    }

    private static InputStream open(ImageContent content, long offset, long length) {
        try {
            return content.file().open(offset, length);
        } catch (NoSuchFileException removed) {
            // Gone since the lookup: a stored variant its budget let go, or a DELETE in between.
            throw new NotFoundException("the file was removed");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeWhole(Context ctx, InMemoryFile memory) {
        try {
            ctx.res().getOutputStream().write(memory.bytes());
        } catch (IOException clientGone) {
            // The client closed the connection: there is no one left to answer.
        }
    }
}
