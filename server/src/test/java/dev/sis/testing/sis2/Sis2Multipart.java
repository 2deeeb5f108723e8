package dev.sis.testing.sis2;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The stand-in sis 2.0's multipart reading and writing, as small as a test needs: whole bodies in
 * memory, file parts only. Like Go's parser on Linux, a file name loses its folder part
 * ({@code ../x.jpg} is {@code x.jpg}).
 */
final class Sis2Multipart {
    /** One file part: its field name, its file name (folder part dropped) and its bytes. */
    record FilePart(String field, String fileName, byte[] bytes) {
    }

    private Sis2Multipart() {
    }

    /** The boundary of a {@code multipart/form-data} content type, or null when it is not one. */
    static String boundary(String contentType) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            return null;
        }
        for (String param : contentType.split(";")) {
            String p = param.trim();
            if (p.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
                return unquote(p.substring("boundary=".length()));
            }
        }
        return null;
    }

    /** The file parts of {@code body}; throws IllegalArgumentException when it is not well formed. */
    static List<FilePart> files(byte[] body, String boundary) {
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        List<FilePart> files = new ArrayList<>();
        int at = indexOf(body, delimiter, 0);
        if (at < 0) {
            throw new IllegalArgumentException("no boundary");
        }
        while (true) {
            int afterDelimiter = at + delimiter.length;
            if (startsWith(body, afterDelimiter, "--")) {
                return files;
            }
            int headersStart = afterDelimiter + 2; // CRLF
            int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), headersStart);
            byte[] next = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
            int end = headersEnd < 0 ? -1 : indexOf(body, next, headersEnd + 4);
            if (end < 0) {
                throw new IllegalArgumentException("a part does not end");
            }
            String headers = new String(body, headersStart, headersEnd - headersStart, StandardCharsets.UTF_8);
            String disposition = headers.lines().filter(l -> l.toLowerCase(Locale.ROOT).startsWith("content-disposition:"))
                    .findFirst().orElse("");
            String fileName = param(disposition, "filename");
            if (fileName != null) {
                files.add(new FilePart(param(disposition, "name"), baseName(fileName),
                        Arrays.copyOfRange(body, headersEnd + 4, end)));
            }
            at = end + 2;
        }
    }

    /** A multipart body of one file part, as a sis 2.0 agent sends {@code /derect_up}. */
    static byte[] onePart(String boundary, String field, String fileName, byte[] bytes) {
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + quote(field) + "\"; filename=\""
                + quote(fileName) + "\"\r\nContent-Type: application/octet-stream\r\n\r\n";
        String tail = "\r\n--" + boundary + "--\r\n";
        byte[] h = head.getBytes(StandardCharsets.UTF_8);
        byte[] t = tail.getBytes(StandardCharsets.UTF_8);
        byte[] all = Arrays.copyOf(h, h.length + bytes.length + t.length);
        System.arraycopy(bytes, 0, all, h.length, bytes.length);
        System.arraycopy(t, 0, all, h.length + bytes.length, t.length);
        return all;
    }

    private static String param(String disposition, String name) {
        String key = name + "=\"";
        int i = 0;
        while ((i = disposition.indexOf(key, i)) >= 0) {
            boolean wholeWord = i > 0 && (disposition.charAt(i - 1) == ' ' || disposition.charAt(i - 1) == ';');
            if (wholeWord) {
                StringBuilder value = new StringBuilder();
                for (int j = i + key.length(); j < disposition.length(); j++) {
                    char c = disposition.charAt(j);
                    if (c == '\\' && j + 1 < disposition.length()) {
                        value.append(disposition.charAt(++j));
                    } else if (c == '"') {
                        return value.toString();
                    } else {
                        value.append(c);
                    }
                }
                return null;
            }
            i += key.length();
        }
        return null;
    }

    private static String baseName(String fileName) {
        // Go's filepath.Base on Linux: only '/' separates folders.
        return fileName.substring(fileName.lastIndexOf('/') + 1);
    }

    private static String quote(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static String unquote(String value) {
        return value.startsWith("\"") && value.endsWith("\"") && value.length() > 1
                ? value.substring(1, value.length() - 1) : value;
    }

    private static boolean startsWith(byte[] body, int at, String text) {
        byte[] t = text.getBytes(StandardCharsets.ISO_8859_1);
        return at + t.length <= body.length && Arrays.equals(body, at, at + t.length, t, 0, t.length);
    }

    private static int indexOf(byte[] body, byte[] needle, int from) {
        outer:
        for (int i = Math.max(from, 0); i <= body.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (body[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
