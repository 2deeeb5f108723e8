package dev.sis.service;

import dev.sis.errors.InvalidInputException;
import dev.sis.image.ImageFormat;
import dev.sis.model.Md5;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * Copies a stream into a file while hashing it: one pass over the bytes. A small upload is also
 * kept in memory on the way ({@code keepUpTo}), so that caching it needs no second read.
 */
final class Spooler {
    private static final int BUFFER_SIZE = 64 * 1024;

    private Spooler() {
    }

    /**
     * What was written. {@code head} holds the first bytes, for recognising the format;
     * {@code bytes} all of them when there were at most {@code keepUpTo}, else {@code null}.
     */
    record Spooled(Md5 md5, long size, byte[] head, byte[] bytes) {
        ImageFormat sniffedFormat() {
            return ImageFormat.sniff(head, head.length).orElse(null);
        }
    }

    static Spooled spool(InputStream in, Path target) throws IOException {
        return spool(in, target, -1);
    }

    /** @param keepUpTo keep the bytes in memory too when there are at most this many (-1: never) */
    static Spooled spool(InputStream in, Path target, long keepUpTo) throws IOException {
        MessageDigest md5 = newMd5();
        byte[] buffer = new byte[BUFFER_SIZE];
        byte[] head = null;
        long size = 0;
        ByteArrayOutputStream kept = keepUpTo >= 0 ? new ByteArrayOutputStream(BUFFER_SIZE) : null;
        try (FileChannel out = FileChannel.open(target, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            int n;
            while ((n = readFromClient(in, buffer)) > 0) {
                if (head == null) {
                    head = Arrays.copyOf(buffer, Math.min(n, ImageFormat.SNIFF_LENGTH));
                }
                md5.update(buffer, 0, n);
                ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
                while (chunk.hasRemaining()) {
                    out.write(chunk);
                }
                size += n;
                if (kept != null) {
                    if (size <= keepUpTo) {
                        kept.write(buffer, 0, n);
                    } else {
                        kept = null;
                    }
                }
            }
        }
        return new Spooled(Md5.of(md5.digest()), size, head == null ? new byte[0] : head,
                kept == null ? null : kept.toByteArray());
    }

    /**
     * A failure to read is the client's (a malformed or cut-off body), not the store's: it is
     * reported as a bad request, while write failures stay IOExceptions of the store.
     */
    private static int readFromClient(InputStream in, byte[] buffer) {
        try {
            return in.readNBytes(buffer, 0, buffer.length);
        } catch (IOException e) {
            throw new InvalidInputException("the upload could not be read: " + describe(e));
        }
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? "the body ended early" : e.getMessage();
    }

    private static MessageDigest newMd5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides MD5", e);
        }
    }
}
