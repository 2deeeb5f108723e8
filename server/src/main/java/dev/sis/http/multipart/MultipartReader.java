package dev.sis.http.multipart;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Objects;
import org.eclipse.jetty.http.MultiPart;
import org.eclipse.jetty.http.MultiPartCompliance;
import org.eclipse.jetty.io.Content;

/**
 * Streams the parts of a multipart/form-data body (RFC 7578, RFC 2046) in one pass: a pull-style
 * adapter over Jetty's push parser ({@link MultiPart.Parser}), holding at most one 64 KiB
 * buffer and one part's headers in memory.
 *
 * <pre>{@code
 * var reader = new MultipartReader(request.getInputStream(), MultipartReader.boundaryOf(contentType));
 * for (MultipartPart part; (part = reader.next()) != null; ) {
 *     if (part.isFile()) part.content().transferTo(out);
 * }
 * }</pre>
 *
 * <p>Jetty skips the preamble and the padding after delimiters, and finds the delimiters in part
 * content (the hot path: content is fed a whole buffer at a time and handed over as Jetty's
 * slices of that buffer, copied once into the caller's array). This class decides how much of
 * the body Jetty sees at a time, which is what keeps sis 2.0's behaviour: the preamble and
 * delimiter lines are fed a line at a time, so that they are bounded by
 * {@link MultipartLimits#maxHeaderBytes()} counted in bytes as sent; the closing delimiter ends
 * the reading (the epilogue is never read); header sections are read here ({@link PartHeaders})
 * and Jetty is given only the blank line that ends them; every refusal gets a message of ours.
 * Jetty's listener events pause it (they end the buffer it is parsing), so that it never runs
 * from one part's content into the next part's headers.
 *
 * <p>Accepted beyond the strict grammar, as Go's mime/multipart does: a preamble before the
 * first delimiter, spaces and tabs after a delimiter, lines and whole bodies in bare LFs, folded
 * header lines. Refused, unlike Go, as RFC 2046 says: a line of content that starts with the
 * delimiter ({@code --boundary}) followed by anything other than {@code --}, spaces or the line
 * ending.
 *
 * <p>Not thread-safe. The reader neither closes {@code body} nor reads it past the closing
 * delimiter; the caller owns it. After a {@link MalformedMultipartException}, stop using the
 * reader: its position in the body is undefined.
 */
public final class MultipartReader {
    private static final int MAX_BOUNDARY_LENGTH = 70;

    /** Where in the body the next byte is; Jetty's listener moves it on. */
    private enum Phase { PREAMBLE, HEADERS, CONTENT, AFTER_DELIMITER, DONE }

    /** Bytes kept before the unread ones when the buffer is refilled: a delimiter and the CR before it. */
    private static final int KEPT_BEHIND = MAX_BOUNDARY_LENGTH + 4;
    /** Room for a header line of the largest allowed size and the bytes kept behind (see MultipartLimits). */
    static final int BUFFER_SIZE = 64 * 1024;

    private final InputStream in;
    private final byte[] buf = new byte[BUFFER_SIZE];
    /** Offset in the body of {@code buf[0]}. */
    private long base;
    private int pos;
    private int end;
    private boolean eof;

    private final byte[] dashBoundary;
    private final MultipartLimits limits;
    private final MultiPart.Parser parser;
    private final Events events = new Events();

    private Phase phase = Phase.PREAMBLE;
    /** Bytes the preamble, or the current delimiter line and header section, may still take. */
    private int lineBudget;
    private int partCount;
    /** Whether the first delimiter line ended in CRLF (else the body is in bare LFs). */
    private boolean crlfBody;
    /** Offset in the body of the current part's content. */
    private long contentStart;
    private PartHeaders headers;
    /** Content of the current part that Jetty has found and the caller has not read yet. */
    private final ArrayDeque<ByteBuffer> content = new ArrayDeque<>();
    private PartContentStream current;
    /** The bytes Jetty is parsing now, so that its events can end them. */
    private ByteBuffer feeding;
    private Throwable jettyFailure;
    private MalformedMultipartException ownFailure;

    /** A reader with {@link MultipartLimits#defaults() default limits}. */
    public MultipartReader(InputStream body, String boundary) {
        this(body, boundary, MultipartLimits.defaults());
    }

    /**
     * @param body     the request body, positioned at its start
     * @param boundary the boundary, as {@link #boundaryOf(String)} returns it
     * @throws IllegalArgumentException when {@code boundary} is not a valid boundary
     */
    public MultipartReader(InputStream body, String boundary, MultipartLimits limits) {
        this.in = Objects.requireNonNull(body, "body");
        Objects.requireNonNull(boundary, "boundary");
        String problem = boundaryProblem(boundary);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        this.dashBoundary = ("--" + boundary).getBytes(StandardCharsets.US_ASCII);
        this.limits = Objects.requireNonNull(limits, "limits");
        this.lineBudget = limits.maxHeaderBytes();
        // RFC7578 compliance allows bare-LF lines. Parts are counted here, before Jetty would,
        // so that the refusal is ours; Jetty never sees a header line.
        this.parser = new MultiPart.Parser(boundary, MultiPartCompliance.RFC7578, events);
        parser.setMaxParts(-1);
    }

    /**
     * Extracts the boundary from a Content-Type header value. Type and parameter names match
     * case-insensitively; the boundary may be quoted.
     *
     * @throws MalformedMultipartException when {@code contentType} is null, not
     *                                     multipart/form-data, or has no valid boundary (1 to 70
     *                                     printable ASCII characters or inner spaces)
     */
    public static String boundaryOf(String contentType) throws MalformedMultipartException {
        if (contentType == null) {
            throw new MalformedMultipartException("the request has no Content-Type");
        }
        ParameterizedHeader header;
        try {
            header = ParameterizedHeader.parse(contentType);
        } catch (MalformedMultipartException e) {
            throw new MalformedMultipartException("the Content-Type is malformed: " + e.getMessage());
        }
        if (!header.value().equalsIgnoreCase("multipart/form-data")) {
            throw new MalformedMultipartException("the Content-Type is not multipart/form-data");
        }
        String boundary = header.parameters().get("boundary");
        if (boundary == null) {
            throw new MalformedMultipartException("the Content-Type has no boundary parameter");
        }
        String problem = boundaryProblem(boundary);
        if (problem != null) {
            throw new MalformedMultipartException("the Content-Type's " + problem);
        }
        return boundary;
    }

    /**
     * Returns the next part, or {@code null} after the closing delimiter (and on every later
     * call). The previous part's content stream is closed first and its unread bytes skipped.
     *
     * @throws MalformedMultipartException when the body is malformed, truncated or over a limit
     * @throws IOException                 when reading the body fails
     */
    public MultipartPart next() throws IOException {
        if (current != null) {
            current.close();
            current = null;
            skipContent();
        }
        while (phase != Phase.HEADERS) {
            if (phase == Phase.DONE) {
                return null;
            }
            feedLine();
        }
        ContentDisposition disposition;
        try {
            readHeaders();
            String dispositionHeader = headers.get("content-disposition");
            if (dispositionHeader == null) {
                throw new MalformedMultipartException("it has no Content-Disposition header");
            }
            disposition = ContentDisposition.parse(dispositionHeader);
        } catch (MalformedMultipartException e) {
            throw inPart(e.getMessage());
        }
        current = new PartContentStream(this);
        return new MultipartPart(disposition.fieldName(), disposition.fileName(), headers.get("content-type"), current);
    }

    /** Copies content of the current part; -1 at its end. See {@link PartContentStream}. */
    int readContent(byte[] dst, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (true) {
            ByteBuffer next = content.peek();
            if (next != null) {
                int n = Math.min(len, next.remaining());
                next.get(dst, off, n);
                if (!next.hasRemaining()) {
                    content.poll();
                }
                return n;
            }
            if (phase != Phase.CONTENT) {
                return -1;
            }
            parseMoreContent();
        }
    }

    /** Content bytes that can be read without blocking. */
    int availableContent() {
        ByteBuffer next = content.peek();
        return next == null ? 0 : next.remaining();
    }

    private void skipContent() throws IOException {
        content.clear();
        while (phase == Phase.CONTENT) {
            parseMoreContent();
            content.clear();
        }
    }

    /** Lets Jetty look for the delimiter in the rest of the buffer, reading more when it is all parsed. */
    private void parseMoreContent() throws IOException {
        if (pos == end && !fill()) {
            throw endsInContent();
        }
        parse(pos, end, "the body is malformed");
    }

    /**
     * Reads the current part's header section, then gives Jetty the line ending that closes it,
     * so that Jetty looks for content next.
     */
    private void readHeaders() throws IOException {
        headers = new PartHeaders();
        while (true) {
            int lineEnd = lineEnd();
            if (lineEnd == pos || buf[lineEnd - 1] != '\n') {
                throw new MalformedMultipartException("the body ends inside a part's headers");
            }
            lineBudget -= lineEnd - pos;
            int textEnd = lineEnd - 1 > pos && buf[lineEnd - 2] == '\r' ? lineEnd - 2 : lineEnd - 1;
            boolean more = headers.add(buf, pos, textEnd);
            pos = lineEnd;
            if (!more) {
                break;
            }
        }
        contentStart = base + pos;
        feeding = ByteBuffer.wrap(new byte[] {'\n'});
        try {
            parser.parse(Content.Chunk.from(feeding, false));
        } finally {
            feeding = null;
        }
        if (phase != Phase.CONTENT) {
            throw new IllegalStateException("Jetty did not take the end of a header section");
        }
    }

    /**
     * Feeds Jetty one line of the preamble or of a delimiter line's rest, after checking it
     * against the budget and for the closing delimiter.
     */
    private void feedLine() throws IOException {
        int lineEnd = lineEnd();
        boolean complete = lineEnd > pos && buf[lineEnd - 1] == '\n';
        switch (phase) {
            case PREAMBLE -> {
                if (startsWith(dashBoundary, "--")) {
                    phase = Phase.DONE; // a body of no parts
                    return;
                }
                if (!complete) {
                    throw new MalformedMultipartException(startsWith(dashBoundary, "") && isPadding(pos + dashBoundary.length, lineEnd)
                            ? "the body ends after its first boundary delimiter"
                            : "the body has no boundary delimiter");
                }
            }
            case AFTER_DELIMITER -> {
                if (startsWith(new byte[0], "--")) {
                    phase = Phase.DONE; // the closing delimiter: the epilogue is left unread
                    return;
                }
                if (!complete) {
                    throw endsInContent();
                }
            }
            default -> throw new IllegalStateException("no line to feed in " + phase);
        }
        lineBudget -= lineEnd - pos;
        // In these lines, Jetty refuses only what follows a boundary: a byte other than "--",
        // spaces, tabs and the line ending.
        parse(pos, lineEnd, "a boundary delimiter is followed by characters other than spaces");
    }

    /**
     * Index after the LF ending the line at {@code pos}, reading more of the body as needed. At
     * the end of the body the line may have no LF.
     *
     * @throws MalformedMultipartException when the line is longer than what the budget has left
     */
    private int lineEnd() throws IOException {
        int scanned = pos;
        while (true) {
            int limit = Math.min(end, pos + lineBudget);
            for (int i = scanned; i < limit; i++) {
                if (buf[i] == '\n') {
                    return i + 1;
                }
            }
            if (end - pos >= lineBudget) {
                throw lineTooLong();
            }
            scanned = limit;
            int before = pos;
            if (!fill()) {
                return end;
            }
            scanned -= before - pos;
        }
    }

    /** Lets Jetty parse [{@code from}, {@code to}) or up to its next pausing event; {@code refusal} says what a failure means. */
    private void parse(int from, int to, String refusal) throws MalformedMultipartException {
        feeding = ByteBuffer.wrap(buf, from, to - from);
        try {
            parser.parse(Content.Chunk.from(feeding, false));
            pos = feeding.position();
        } finally {
            feeding = null;
        }
        if (ownFailure != null) {
            throw ownFailure;
        }
        if (jettyFailure != null) {
            throw new MalformedMultipartException(refusal);
        }
    }

    /** Ends the bytes Jetty is parsing where it is now, so that it stops after the event. */
    private void pause() {
        feeding.limit(feeding.position());
    }

    /**
     * Moves unread bytes, and the {@value #KEPT_BEHIND} before them, to the front and reads more
     * after them. Called only when no content slice is left, since slices point into the buffer.
     *
     * @return {@code false} at the end of the body
     */
    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        int shift = Math.max(0, pos - KEPT_BEHIND);
        if (shift > 0) {
            System.arraycopy(buf, shift, buf, 0, end - shift);
            end -= shift;
            pos -= shift;
            base += shift;
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

    /**
     * In a bare-LF body, gives back the CR that Jetty took for part of a CRLF delimiter: there the
     * delimiter is LF + "--boundary", and a CR before it is the content's last byte.
     */
    private void restoreCrBeforeLfDelimiter() {
        long cr = base + feeding.position() - dashBoundary.length - 2;
        if (!crlfBody && cr >= contentStart && cr >= base && buf[(int) (cr - base)] == '\r') {
            content.add(ByteBuffer.wrap(new byte[] {'\r'}));
        }
    }

    /** Jetty's events: each moves the phase on and pauses Jetty where the adapter takes over. */
    private final class Events implements MultiPart.Parser.Listener {
        @Override
        public void onPartBegin() {
            pause();
            if (++partCount > limits.maxParts()) {
                ownFailure = new MalformedMultipartException("the body has more than " + limits.maxParts() + " parts");
                return;
            }
            if (phase == Phase.PREAMBLE) {
                lineBudget = limits.maxHeaderBytes();
                crlfBody = buf[feeding.position() - 2] == '\r';
            }
            phase = Phase.HEADERS;
        }

        @Override
        public void onPartHeaders() {
            phase = Phase.CONTENT;
        }

        @Override
        public void onPartContent(Content.Chunk chunk) {
            // A slice of the buffer, or of Jetty's own bytes for a near-match that was content.
            if (chunk.hasRemaining()) {
                content.add(chunk.getByteBuffer());
            }
        }

        @Override
        public void onPartEnd() {
            pause();
            restoreCrBeforeLfDelimiter();
            phase = Phase.AFTER_DELIMITER;
            lineBudget = limits.maxHeaderBytes();
        }

        @Override
        public void onFailure(Throwable failure) {
            jettyFailure = failure;
        }
    }


    private MalformedMultipartException lineTooLong() {
        return switch (phase) {
            case PREAMBLE -> new MalformedMultipartException(
                    "no boundary delimiter in the first " + limits.maxHeaderBytes() + " bytes of the body");
            case AFTER_DELIMITER -> new MalformedMultipartException("a boundary delimiter line is longer than the header limit");
            default -> new MalformedMultipartException("a part's headers are longer than the limit");
        };
    }

    private static MalformedMultipartException endsInContent() {
        return new MalformedMultipartException("the body ends inside a part's content, before the closing boundary delimiter");
    }

    private MalformedMultipartException inPart(String problem) {
        return new MalformedMultipartException("part " + partCount + ": " + problem);
    }

    /** Whether the bytes at {@code pos} are {@code prefix} then {@code then}. */
    private boolean startsWith(byte[] prefix, String then) {
        int n = prefix.length + then.length();
        if (end - pos < n || !Arrays.equals(buf, pos, pos + prefix.length, prefix, 0, prefix.length)) {
            return false;
        }
        for (int i = 0; i < then.length(); i++) {
            if (buf[pos + prefix.length + i] != then.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private boolean isPadding(int from, int to) {
        for (int i = from; i < to; i++) {
            if (buf[i] != ' ' && buf[i] != '\t') {
                return false;
            }
        }
        return true;
    }

    /** Why {@code boundary} is not a valid RFC 2046 boundary, or {@code null} when it is. */
    private static String boundaryProblem(String boundary) {
        if (boundary.isEmpty()) {
            return "boundary is empty";
        }
        if (boundary.length() > MAX_BOUNDARY_LENGTH) {
            return "boundary is longer than " + MAX_BOUNDARY_LENGTH + " characters";
        }
        // RFC 2046 allows fewer characters; real clients stay within them, and anything
        // printable is safe for Jetty's delimiter search, which relies on CR and LF never occurring here.
        for (int i = 0; i < boundary.length(); i++) {
            char c = boundary.charAt(i);
            if (c < ' ' || c > '~') {
                return "boundary has a character that is not printable ASCII";
            }
        }
        if (boundary.endsWith(" ")) {
            return "boundary ends with a space";
        }
        return null;
    }
}
