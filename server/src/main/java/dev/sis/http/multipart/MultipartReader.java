package dev.sis.http.multipart;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * Streams the parts of a multipart/form-data body (RFC 7578, RFC 2046) in one pass, holding
 * at most one 64 KiB buffer and one part's headers in memory.
 *
 * <pre>{@code
 * var reader = new MultipartReader(request.getInputStream(), MultipartReader.boundaryOf(contentType));
 * for (MultipartPart part; (part = reader.next()) != null; ) {
 *     if (part.isFile()) part.content().transferTo(out);
 * }
 * }</pre>
 *
 * <p>Accepted beyond the strict grammar, as Go's mime/multipart does: a preamble before the
 * first delimiter, spaces and tabs after a delimiter, header lines ending in a bare LF, and a
 * whole body in bare LFs (decided by the first delimiter line). The epilogue after the closing
 * delimiter is never read.
 *
 * <p>Not thread-safe. The reader neither closes {@code body} nor reads it past the closing
 * delimiter; the caller owns it. After a {@link MalformedMultipartException}, stop using the
 * reader: its position in the body is undefined.
 */
public final class MultipartReader {
    private static final int MAX_BOUNDARY_LENGTH = 70;

    private final BodyBuffer body;
    private final byte[] dashBoundary;
    private final MultipartLimits limits;
    private boolean started;
    private boolean finished;
    private int partCount;
    private PartContentStream current;

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
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(boundary, "boundary");
        String problem = boundaryProblem(boundary);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        this.body = new BodyBuffer(body);
        this.dashBoundary = ("--" + boundary).getBytes(StandardCharsets.US_ASCII);
        this.limits = Objects.requireNonNull(limits, "limits");
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
        if (finished) {
            return null;
        }
        int headerBudget = limits.maxHeaderBytes();
        boolean anotherPart;
        if (started) {
            if (current != null) {
                current.close();
            }
            body.skipContent();
            anotherPart = !body.consumeDelimiter();
            if (anotherPart) {
                headerBudget -= skipPaddingLine(headerBudget);
            }
        } else {
            started = true;
            anotherPart = skipPreamble();
        }
        if (!anotherPart) {
            finished = true;
            return null;
        }
        if (++partCount > limits.maxParts()) {
            throw new MalformedMultipartException("the body has more than " + limits.maxParts() + " parts");
        }
        return readPartHeaders(headerBudget);
    }

    private MultipartPart readPartHeaders(int headerBudget) throws IOException {
        ContentDisposition disposition;
        Map<String, String> headers;
        try {
            headers = PartHeaders.read(body, headerBudget);
            String dispositionHeader = headers.get("content-disposition");
            if (dispositionHeader == null) {
                throw new MalformedMultipartException("it has no Content-Disposition header");
            }
            disposition = ContentDisposition.parse(dispositionHeader);
        } catch (MalformedMultipartException e) {
            throw new MalformedMultipartException("part " + partCount + ": " + e.getMessage());
        }
        body.beginContent();
        current = new PartContentStream(body);
        return new MultipartPart(disposition.fieldName(), disposition.fileName(), headers.get("content-type"), current);
    }

    /**
     * Skips lines up to the first delimiter line and picks the line ending the body uses.
     *
     * @return {@code false} when the first delimiter is the closing one (a body of no parts)
     */
    private boolean skipPreamble() throws IOException {
        String tooLong = "no boundary delimiter in the first " + limits.maxHeaderBytes() + " bytes of the body";
        int budget = limits.maxHeaderBytes();
        while (true) {
            BodyBuffer.Line line = body.readLine(budget, tooLong);
            if (line == null) {
                throw new MalformedMultipartException("the body has no boundary delimiter");
            }
            budget -= line.size();
            byte[] bytes = line.bytes();
            if (startsWithDashBoundary(bytes)) {
                int afterBoundary = dashBoundary.length;
                if (isClosingSuffix(bytes, afterBoundary)) {
                    return false;
                }
                if (isPadding(bytes, afterBoundary)) {
                    if (line.ending() == BodyBuffer.Ending.EOF) {
                        throw new MalformedMultipartException("the body ends after its first boundary delimiter");
                    }
                    byte[] newline = line.ending() == BodyBuffer.Ending.LF ? new byte[] {'\n'} : new byte[] {'\r', '\n'};
                    body.useDelimiter(concat(newline, dashBoundary));
                    return true;
                }
            }
            if (line.ending() == BodyBuffer.Ending.EOF) {
                throw new MalformedMultipartException("the body has no boundary delimiter");
            }
        }
    }

    /** Reads the rest of a delimiter line, which may hold only spaces and tabs; returns its size. */
    private int skipPaddingLine(int budget) throws IOException {
        BodyBuffer.Line rest = body.readLine(budget, "a boundary delimiter line is longer than the header limit");
        if (rest == null || rest.ending() == BodyBuffer.Ending.EOF) {
            throw new MalformedMultipartException("the body ends after a boundary delimiter");
        }
        if (!isPadding(rest.bytes(), 0)) {
            throw new MalformedMultipartException("a boundary delimiter is followed by characters other than spaces");
        }
        return rest.size();
    }

    private boolean startsWithDashBoundary(byte[] line) {
        return line.length >= dashBoundary.length
                && Arrays.equals(line, 0, dashBoundary.length, dashBoundary, 0, dashBoundary.length);
    }

    private static boolean isClosingSuffix(byte[] line, int from) {
        return line.length >= from + 2 && line[from] == '-' && line[from + 1] == '-' && isPadding(line, from + 2);
    }

    private static boolean isPadding(byte[] line, int from) {
        for (int i = from; i < line.length; i++) {
            if (line[i] != ' ' && line[i] != '\t') {
                return false;
            }
        }
        return true;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] joined = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
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
        // printable is safe for the scanner, which relies on CR and LF never occurring here.
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
