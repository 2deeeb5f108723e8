package dev.sis;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * One kept-alive HTTP/1.1 connection of the warm-up to its private instance: a request's bytes
 * out, one answer read back. Raw bytes on a blocking {@link SocketChannel}, not an HTTP client
 * library, so that the warm-up compiles the server's code rather than a client's, and because
 * a blocked read on a channel ends when its thread is interrupted (a stop during the warm-up).
 * Knows only what sis's own answers need: a status line, headers and a {@code Content-Length}
 * body. Not thread-safe: one per thread.
 */
final class WarmUpConnection implements AutoCloseable {
    /** The longest head read. */
    private static final int MAX_HEAD = 16 * 1024;
    /** Room for several pipelined answers per read: fewer system calls for the warm-up's own side. */
    private static final int BUFFER = 256 * 1024;
    private static final byte[] HEAD_END = {'\r', '\n', '\r', '\n'};

    /** An answer: its status and, when asked for, its body. */
    record Answer(int status, byte[] body) {
    }

    private final SocketChannel channel;
    private final byte[] buffer = new byte[BUFFER];
    /** Read bytes not yet consumed: {@code buffer[start..end)}. */
    private int start;
    private int end;

    private WarmUpConnection(SocketChannel channel) {
        this.channel = channel;
    }

    static WarmUpConnection open(InetSocketAddress server) throws IOException {
        return new WarmUpConnection(SocketChannel.open(server));
    }

    /** A GET of {@code target} that keeps the connection open. */
    static byte[] get(String target) {
        return ("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: sis-warm-up\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * Sends {@code request} and reads its answer; with {@code keepBody} false the body is read
     * and dropped.
     *
     * @throws IOException when the server closed the connection, or answered without a length
     */
    Answer exchange(byte[] request, boolean keepBody) throws IOException {
        send(request);
        return receive(keepBody);
    }

    /** Writes {@code requests}: one request, or several pipelined, whose answers {@link #receive} then reads in turn. */
    void send(byte[] requests) throws IOException {
        ByteBuffer out = ByteBuffer.wrap(requests);
        while (out.hasRemaining()) {
            channel.write(out);
        }
    }

    /** Reads the next answer; with {@code keepBody} false its body is read and dropped. */
    Answer receive(boolean keepBody) throws IOException {
        int headEnd;
        while ((headEnd = indexOfHeadEnd()) < 0) {
            if (end - start >= MAX_HEAD) {
                throw new IOException("an answer's head is longer than " + MAX_HEAD + " bytes");
            }
            fill();
        }
        String head = new String(buffer, start, headEnd - start, StandardCharsets.ISO_8859_1);
        start = headEnd + HEAD_END.length;
        int status = Integer.parseInt(head.substring(9, 12));
        long length = contentLength(head);
        return new Answer(status, readBody(length, keepBody));
    }

    private static long contentLength(String head) throws IOException {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return Long.parseLong(line.substring("content-length:".length()).trim());
            }
        }
        throw new IOException("an answer without Content-Length: " + head.lines().findFirst().orElse(""));
    }

    private byte[] readBody(long length, boolean keep) throws IOException {
        if (keep && length > Integer.MAX_VALUE - 8) {
            throw new IOException("an answer too large to keep: " + length + " bytes");
        }
        byte[] body = keep ? new byte[(int) length] : null;
        long left = length;
        while (left > 0) {
            if (start == end) {
                fill();
            }
            int n = (int) Math.min(left, end - start);
            if (keep) {
                System.arraycopy(buffer, start, body, (int) (length - left), n);
            }
            start += n;
            left -= n;
        }
        return body;
    }

    private int indexOfHeadEnd() {
        for (int i = start; i + HEAD_END.length <= end; i++) {
            if (Arrays.equals(buffer, i, i + HEAD_END.length, HEAD_END, 0, HEAD_END.length)) {
                return i;
            }
        }
        return -1;
    }

    /** Reads more: what is unconsumed moves to the front first. */
    private void fill() throws IOException {
        if (start > 0) {
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }
        int n = channel.read(ByteBuffer.wrap(buffer, end, buffer.length - end));
        if (n < 0) {
            throw new IOException("the warm-up's instance closed the connection");
        }
        end += n;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
