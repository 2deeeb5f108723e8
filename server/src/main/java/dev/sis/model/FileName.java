package dev.sis.model;

import dev.sis.errors.InvalidNameException;

import java.nio.charset.StandardCharsets;

/**
 * A stored file's original name: a bare file name, safe to use as one path segment.
 *
 * <p>Rejected: empty, {@code .}, {@code ..}, names containing {@code /}, {@code \}, NUL or any
 * other control character, names that are not well-formed Unicode, and names longer than the
 * configured byte limit in UTF-8.
 */
public record FileName(String value) {
    public FileName {
        String problem = problemWith(value, Integer.MAX_VALUE);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    /**
     * Validates a name from a request.
     *
     * @throws InvalidNameException when the name is not acceptable
     */
    public static FileName parse(String value, int maxBytes) {
        String problem = problemWith(value, maxBytes);
        if (problem != null) {
            boolean tooLong = value != null && utf8Length(value) > maxBytes;
            throw new InvalidNameException(problem, tooLong);
        }
        return new FileName(value);
    }

    /**
     * The last path segment of a client-sent file name, as sis 2.0's multipart parser keeps it
     * ({@code ../x.jpg} becomes {@code x.jpg}). Only {@code /} separates segments, as on the
     * Linux server sis 2.0 ran on; a backslash stays and is rejected by {@link #parse}.
     */
    public static String lastSegment(String clientName) {
        String trimmed = clientName;
        while (trimmed.length() > 1 && trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        int slash = trimmed.lastIndexOf('/');
        return slash < 0 || trimmed.length() == 1 ? trimmed : trimmed.substring(slash + 1);
    }

    private static String problemWith(String value, int maxBytes) {
        if (value == null || value.isEmpty()) {
            return "file name is empty";
        }
        if (value.equals(".") || value.equals("..")) {
            return "file name must not be . or ..";
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '/' || c == '\\') {
                return "file name must not contain / or \\";
            }
            if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0)) {
                return "file name must not contain control characters";
            }
            if (Character.isSurrogate(c)) {
                boolean pairStart = Character.isHighSurrogate(c) && i + 1 < value.length()
                        && Character.isLowSurrogate(value.charAt(i + 1));
                if (!pairStart) {
                    return "file name is not valid UTF-8";
                }
                i++;
            }
        }
        if (utf8Length(value) > maxBytes) {
            return "file name is longer than " + maxBytes + " bytes";
        }
        return null;
    }

    private static int utf8Length(String value) {
        return value.getBytes(StandardCharsets.UTF_8).length;
    }

    @Override
    public String toString() {
        return value;
    }
}
