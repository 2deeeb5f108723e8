package dev.sis.service;

import dev.sis.errors.InvalidInputException;
import dev.sis.image.ImageFormat;
import dev.sis.model.Md5;
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
 * Copies a stream into a file while hashing it: one pass over the bytes. A small upload may also
 * be kept in memory on the way ({@link KeptBytes}), so that caching it needs no second read.
 */
final class Spooler {
    private static final int BUFFER_SIZE = 64 * 1024;

    private Spooler() {
    }

    /**
     * What was written. {@code head} holds the first bytes, for recognising the format;
     * {@code bytes} all of them when they were kept in memory, else {@code null}.
     */
    record Spooled(Md5 md5, long size, byte[] head, byte[] bytes) {
        ImageFormat sniffedFormat() {
            return ImageFormat.sniff(head, head.length).orElse(null);
        }
    }

    static Spooled spool(InputStream in, Path target) throws IOException {
        return spool(in, target, null);
    }

    /** @param kept where to keep the bytes in memory too, or {@code null} for nowhere */
    static Spooled spool(InputStream in, Path target, KeptBytes kept) throws IOException {
        MessageDigest md5 = newMd5();
        byte[] buffer = new byte[BUFFER_SIZE];
        byte[] head = null;
        long size = 0;
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
                    kept.append(buffer, 0, n);
                }
            }
        }
        return new Spooled(Md5.of(md5.digest()), size, head == null ? new byte[0] : head,
                kept == null ? null : kept.finish());
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
