package dev.sis.http.multipart;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/** A part read completely, for comparing with what was sent. */
record ParsedPart(String fieldName, String fileName, String contentType, byte[] content) {

    static List<ParsedPart> readAll(byte[] body, String boundary) throws IOException {
        return readAll(new ByteArrayInputStream(body), boundary);
    }

    static List<ParsedPart> readAll(InputStream body, String boundary) throws IOException {
        MultipartReader reader = new MultipartReader(body, boundary);
        List<ParsedPart> parts = new ArrayList<>();
        for (MultipartPart part; (part = reader.next()) != null; ) {
            parts.add(new ParsedPart(part.fieldName(), part.fileName(), part.contentType(),
                    part.content().readAllBytes()));
        }
        return parts;
    }

    /** The only part of a body that must have exactly one. */
    static ParsedPart readOnly(byte[] body, String boundary) throws IOException {
        List<ParsedPart> parts = readAll(body, boundary);
        if (parts.size() != 1) {
            throw new AssertionError("expected one part, got " + parts.size());
        }
        return parts.getFirst();
    }
}
