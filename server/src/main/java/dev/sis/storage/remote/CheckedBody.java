package dev.sis.storage.remote;

import dev.sis.model.Md5;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A file's bytes as the server sends them, each read within the answer timeout (504 past it, see
 * {@link UpstreamClient#readWithinTimeout}) and checked before they are trusted: exactly the size
 * the lookup gave, and, for an original read whole, the MD5 it is stored under. The last bytes
 * are handed out only once the check has passed, so a reader that copies the stream into an
 * answer (or a cache) never completes one with bytes that are short or wrong: the check fails
 * instead, with a 502 {@link dev.sis.storage.RemoteStoreException}, and an answer already under way
 * is cut short of its {@code Content-Length}. Not thread-safe, as streams are not.
 */
final class CheckedBody extends InputStream {
    private final InputStream in;
    private final UpstreamClient upstream;
    private final long expected;
    private final Md5 md5;
    private final MessageDigest digest;
    private long count;

    /**
     * @param expected how many bytes the body must have
     * @param md5      the MD5 the whole body must have, or null when it is not checked (a range,
     *                 a variant)
     */
    CheckedBody(InputStream in, UpstreamClient upstream, long expected, Md5 md5) {
        this.in = in;
        this.upstream = upstream;
        this.expected = expected;
        this.md5 = md5;
        this.digest = md5 == null ? null : newMd5();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        long remaining = expected - count;
        if (remaining == 0) {
            return -1;
        }
        int n = upstream.readWithinTimeout(in, buffer, offset, (int) Math.min(length, remaining));
        if (n < 0) {
            throw upstream.badBytes("the storage server's answer ended after " + count + " of " + expected + " bytes");
        }
        count += n;
        if (digest != null) {
            digest.update(buffer, offset, n);
            if (count == expected) {
                String got = HexFormat.of().formatHex(digest.digest());
                if (!got.equals(md5.hex())) {
                    throw upstream.badBytes("the storage server sent bytes whose MD5 is " + got + ", not " + md5);
                }
            }
        }
        return n;
    }

    @Override
    public int available() throws IOException {
        return (int) Math.min(in.available(), expected - count);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private static MessageDigest newMd5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has MD5", e);
        }
    }
}
