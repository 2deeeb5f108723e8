package dev.sis.http.multipart;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Writes multipart bodies byte by byte, so tests control every line ending and header. */
final class MultipartBodyBuilder {
    private final String boundary;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private String newline = "\r\n";
    private boolean firstPart = true;

    MultipartBodyBuilder(String boundary) {
        this.boundary = boundary;
    }

    MultipartBodyBuilder newline(String newline) {
        this.newline = newline;
        return this;
    }

    /** Bytes written as given, e.g. a preamble. */
    MultipartBodyBuilder raw(String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    MultipartBodyBuilder field(String name, String value) {
        return part(new String[] {"Content-Disposition: form-data; name=\"" + name + "\""},
                value.getBytes(StandardCharsets.UTF_8));
    }

    MultipartBodyBuilder file(String name, String fileName, String contentType, byte[] content) {
        return part(new String[] {
                "Content-Disposition: form-data; name=\"" + name + "\"; filename=\"" + fileName + "\"",
                "Content-Type: " + contentType}, content);
    }

    /** A part with the given header lines, each written as UTF-8 and ended with the newline. */
    MultipartBodyBuilder part(String[] headerLines, byte[] content) {
        writeDelimiterLine("");
        for (String line : headerLines) {
            raw(line + newline);
        }
        raw(newline);
        out.writeBytes(content);
        return this;
    }

    /** The closing delimiter and a line ending; the body is complete. */
    byte[] build() {
        writeDelimiterLine("--");
        return out.toByteArray();
    }

    /** The body so far, without a closing delimiter. */
    byte[] buildTruncated() {
        return out.toByteArray();
    }

    private void writeDelimiterLine(String suffix) {
        if (!firstPart) {
            raw(newline);
        }
        firstPart = false;
        raw("--" + boundary + suffix + newline);
    }
}
