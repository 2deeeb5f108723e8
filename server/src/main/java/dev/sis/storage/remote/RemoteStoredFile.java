package dev.sis.storage.remote;

import dev.sis.model.Md5;
import dev.sis.storage.RemoteStoreException;
import dev.sis.storage.StoredFile;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.NoSuchFileException;

/**
 * A file kept by the upstream server, read on demand with ranged GETs. Stored files never
 * change, so the size learned from the lookup stays true; every read is checked against it, and
 * a whole original against its MD5 too ({@link CheckedBody}).
 *
 * @param md5 the MD5 an original's bytes must have, or null for a variant
 */
record RemoteStoredFile(UpstreamClient upstream, String path, long size, Md5 md5) implements StoredFile {

    /**
     * @throws NoSuchFileException  when the server no longer has it (a variant removed since the lookup)
     * @throws RemoteStoreException when the server fails
     */
    @Override
    public InputStream open(long offset, long length) throws IOException {
        if (offset < 0 || length < 0 || offset + length > size) {
            throw new IllegalArgumentException("range outside the file");
        }
        HttpRequest.Builder request = upstream.request(path).GET();
        boolean whole = offset == 0 && length == size;
        if (!whole) {
            if (length == 0) {
                return InputStream.nullInputStream();
            }
            request.header("Range", "bytes=" + offset + "-" + (offset + length - 1));
        }
        HttpResponse<InputStream> response = upstream.read(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        int expected = whole ? 200 : 206;
        if (response.statusCode() == 404) {
            closeQuietly(response.body());
            throw new NoSuchFileException(path);
        }
        if (response.statusCode() != expected) {
            closeQuietly(response.body());
            if (response.statusCode() == 404) {
                throw new NoSuchFileException(path);
            }
            throw UpstreamClient.unexpected(response, "reading a file");
        }
        return new CheckedBody(response.body(), upstream, length, whole ? md5 : null);
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (java.io.IOException ignored) {
            // The connection is dropped instead of reused.
        }
    }
}
