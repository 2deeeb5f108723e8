package dev.sis.http.multipart;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A header value of the form {@code value; name=token; name="quoted string"}, as in
 * Content-Type and Content-Disposition.
 *
 * <p>Lenient where real clients are sloppy: unquoted values run to the next {@code ;}, and
 * empty parameters ({@code ;;}, a trailing {@code ;}) are skipped. A backslash in a quoted
 * string escapes the next character only when that is a tspecial (such as {@code "} or
 * {@code \}), like Go's mime package: browsers send {@code filename="a\b.jpg"} unescaped.
 *
 * @param value      the part before the first {@code ;}, trimmed; as sent (not lower-cased)
 * @param parameters by lower-cased name, values unquoted; unmodifiable
 */
record ParameterizedHeader(String value, Map<String, String> parameters) {
    private static final String TSPECIALS = "()<>@,;:\\\"/[]?=";

    static ParameterizedHeader parse(String header) throws MalformedMultipartException {
        return new Parser(header).parse();
    }

    private static final class Parser {
        private final String text;
        private int at;

        Parser(String text) {
            this.text = text;
        }

        ParameterizedHeader parse() throws MalformedMultipartException {
            int semicolon = text.indexOf(';');
            at = semicolon < 0 ? text.length() : semicolon;
            String value = trim(text.substring(0, at));
            if (value.isEmpty()) {
                throw new MalformedMultipartException("a header value is empty");
            }
            Map<String, String> parameters = new LinkedHashMap<>();
            while (at < text.length()) {
                at++; // past ';'
                skipSpace();
                if (at == text.length() || text.charAt(at) == ';') {
                    continue;
                }
                String name = parameterName();
                String parameterValue = parameterValue();
                if (parameters.putIfAbsent(name, parameterValue) != null) {
                    throw new MalformedMultipartException("a header has the parameter '" + name + "' twice");
                }
            }
            return new ParameterizedHeader(value, Collections.unmodifiableMap(parameters));
        }

        private String parameterName() throws MalformedMultipartException {
            int start = at;
            while (at < text.length() && text.charAt(at) != '=' && text.charAt(at) != ';') {
                at++;
            }
            String name = trim(text.substring(start, at)).toLowerCase(Locale.ROOT);
            if (name.isEmpty() || at == text.length() || text.charAt(at) != '=') {
                throw new MalformedMultipartException("a header parameter has no name or no '=' and value");
            }
            at++; // past '='
            return name;
        }

        /** Reads the value and leaves {@code at} on the next ';' or the end. */
        private String parameterValue() throws MalformedMultipartException {
            skipSpace();
            if (at < text.length() && text.charAt(at) == '"') {
                String value = quotedString();
                skipSpace();
                if (at < text.length() && text.charAt(at) != ';') {
                    throw new MalformedMultipartException("a header has characters after a quoted parameter value");
                }
                return value;
            }
            int start = at;
            while (at < text.length() && text.charAt(at) != ';') {
                at++;
            }
            return trim(text.substring(start, at));
        }

        private String quotedString() throws MalformedMultipartException {
            StringBuilder value = new StringBuilder();
            at++; // past the opening quote
            while (at < text.length()) {
                char c = text.charAt(at++);
                if (c == '"') {
                    return value.toString();
                }
                if (c == '\\' && at < text.length() && TSPECIALS.indexOf(text.charAt(at)) >= 0) {
                    c = text.charAt(at++);
                }
                value.append(c);
            }
            throw new MalformedMultipartException("a header has an unterminated quoted string");
        }

        private void skipSpace() {
            while (at < text.length() && isSpace(text.charAt(at))) {
                at++;
            }
        }
    }

    /** Trims only header whitespace, so other Unicode spaces in a value survive. */
    private static String trim(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isSpace(s.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t';
    }
}
