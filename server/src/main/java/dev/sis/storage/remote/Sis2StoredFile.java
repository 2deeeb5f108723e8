package dev.sis.storage.remote;

import dev.sis.model.Md5;
import dev.sis.storage.StoredFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.file.NoSuchFileException;
import java.util.OptionalLong;

/**
 * An original kept by a sis 2.0 server, read with {@code GET /simple_down} or {@code /full_down}.
 * A sis 2.0 server stored what {@code /derect_up} was told without checking its MD5, so every
 * read is checked against it, a byte range too: the whole file is fetched and hashed, and only
 * the range is handed out, its last bytes once the whole file has passed ({@link CheckedBody}).
 *
 * @param path the download route and query that give this file's bytes
 */
record Sis2StoredFile(UpstreamClient upstream, String path, long size, Md5 md5) implements StoredFile {

    @Override
    public InputStream open(long offset, long length) throws IOException {
        if (offset < 0 || length < 0 || offset + length > size) {
            throw new IllegalArgumentException("range outside the file");
        }
        HttpResponse<InputStream> response = upstream.read(upstream.request(path).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        OptionalLong answered = UpstreamClient.wholeFileSize(response, "reading a file");
        if (answered.isEmpty()) {
            throw new NoSuchFileException(path); // removed from the server's folder by hand since the lookup
        }
        if (answered.getAsLong() != size) {
            response.body().close();
            throw upstream.badBytes("the storage server's file changed size since it was looked up");
        }
        InputStream whole = new CheckedBody(response.body(), upstream, size, md5);
        if (offset == 0 && length == size) {
            return whole;
        }
        try {
            whole.skipNBytes(offset); // hashed on the way (skip reads through CheckedBody)
            return new RangeOfCheckedFile(whole, length);
        } catch (IOException | RuntimeException e) {
            whole.close();
            throw e;
        }
    }

    /** {@code length} bytes of a checked whole file; the rest is read and checked before the range's last bytes are handed out. */
    private static final class RangeOfCheckedFile extends InputStream {
        private final InputStream whole;
        private long left;

        RangeOfCheckedFile(InputStream whole, long length) {
            this.whole = whole;
            this.left = length;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (left == 0) {
                return -1;
            }
            int n = whole.read(buffer, offset, (int) Math.min(length, left));
            if (n > 0) {
                left -= n;
                if (left == 0) {
                    whole.transferTo(OutputStream.nullOutputStream()); // fails here on a wrong MD5
                }
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            whole.close();
        }
    }
}
