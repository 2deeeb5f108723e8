package dev.sis.http.multipart;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The Content-Disposition header of one part (RFC 7578 section 4.2).
 *
 * @param fieldName the {@code name} parameter
 * @param fileName  {@code filename*} decoded (RFC 5987) when present, else {@code filename};
 *                  {@code null} when neither is present
 */
record ContentDisposition(String fieldName, String fileName) {

    static ContentDisposition parse(String header) throws MalformedMultipartException {
        ParameterizedHeader parsed = ParameterizedHeader.parse(header);
        if (!parsed.value().equalsIgnoreCase("form-data")) {
            throw new MalformedMultipartException("Content-Disposition is not form-data");
        }
        String name = parsed.parameters().get("name");
        if (name == null) {
            throw new MalformedMultipartException("Content-Disposition has no name parameter");
        }
        String extended = parsed.parameters().get("filename*");
        String fileName = extended != null ? decodeExtendedValue(extended) : parsed.parameters().get("filename");
        return new ContentDisposition(name, fileName);
    }

    /** Decodes {@code charset'language'percent-encoded} (RFC 5987 ext-value). */
    private static String decodeExtendedValue(String value) throws MalformedMultipartException {
        int firstQuote = value.indexOf('\'');
        int secondQuote = firstQuote < 0 ? -1 : value.indexOf('\'', firstQuote + 1);
        if (secondQuote < 0) {
            throw new MalformedMultipartException("filename* is not of the form charset'language'value");
        }
        Charset charset = switch (value.substring(0, firstQuote).toUpperCase(Locale.ROOT)) {
            case "UTF-8" -> StandardCharsets.UTF_8;
            case "ISO-8859-1" -> StandardCharsets.ISO_8859_1;
            default -> throw new MalformedMultipartException("filename* has a charset other than UTF-8 or ISO-8859-1");
        };
        byte[] bytes = percentDecode(value.substring(secondQuote + 1));
        try {
            return charset.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedMultipartException("filename* is not valid " + charset.name());
        }
    }

    private static byte[] percentDecode(String encoded) throws MalformedMultipartException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%') {
                if (i + 3 > encoded.length()) {
                    throw new MalformedMultipartException("filename* has an incomplete %-escape");
                }
                String hex = encoded.substring(i + 1, i + 3);
                if (!HexFormat.isHexDigit(hex.charAt(0)) || !HexFormat.isHexDigit(hex.charAt(1))) {
                    throw new MalformedMultipartException("filename* has an invalid %-escape");
                }
                bytes.write(HexFormat.fromHexDigits(hex));
                i += 2;
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                throw new MalformedMultipartException("filename* has a non-ASCII character that is not %-encoded");
            }
        }
        return bytes.toByteArray();
    }
}
