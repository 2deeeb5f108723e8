package dev.sis.http;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * One access-log line, as text or as one JSON object with a field per value. Values a client
 * chose (the method, the path) are written with every byte outside printable ASCII, and the
 * quote and backslash, as {@code %XX}: a line is always one line, one token per value, and
 * needs no further escaping in JSON.
 *
 * @param time     when the request began
 * @param client   the client's address (see {@link ClientAddress})
 * @param path     the path, never the query string (which may hold a token or a signature)
 * @param bytes    the bytes of the answer's body that were sent
 * @param millis   how long the request took
 * @param id       the request id, or null
 */
record AccessLine(Instant time, String client, String method, String path, int status, long bytes, float millis,
                  String id) {
    private static final DateTimeFormatter UP_TO_SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");
    private static final DateTimeFormatter OFFSET = DateTimeFormatter.ofPattern("XXX");
    /** The second last written: many lines share one, and the formatter cost a tenth of a cached read. */
    private static volatile Second lastSecond;

    private record Second(long epochSecond, ZoneId zone, String upToSeconds, String offset) {
    }
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /** {@code 2026-12-02T18:10:00.123+01:00 192.0.2.7 GET /path 200 1234 1.2ms id=…} */
    String text(ZoneId zone) {
        return isoTime(time, zone) + ' ' + client + ' ' + safe(method) + ' ' + safe(path) + ' ' + status
                + ' ' + bytes + ' ' + RequestLog.tenths(millis) + "ms id=" + (id == null ? "-" : safe(id));
    }

    /** The same values, one JSON field each: {@code {"time":"…","client":"…",…,"ms":1.2,"id":"…"}}. */
    String json(ZoneId zone) {
        return "{\"time\":\"" + isoTime(time, zone) + "\",\"client\":\"" + client + "\",\"method\":\""
                + safe(method) + "\",\"path\":\"" + safe(path) + "\",\"status\":" + status + ",\"bytes\":" + bytes
                + ",\"ms\":" + RequestLog.tenths(millis) + ",\"id\":" + (id == null ? "null" : "\"" + safe(id) + "\"")
                + '}';
    }

    /** {@code time} as {@code uuuu-MM-dd'T'HH:mm:ss.SSSXXX} in {@code zone}, formatted once a second. */
    static String isoTime(Instant time, ZoneId zone) {
        long epochSecond = time.getEpochSecond();
        Second second = lastSecond;
        if (second == null || second.epochSecond() != epochSecond || !second.zone().equals(zone)) {
            ZonedDateTime at = time.atZone(zone);
            second = new Second(epochSecond, zone, UP_TO_SECONDS.format(at), OFFSET.format(at));
            lastSecond = second;
        }
        int millis = time.getNano() / 1_000_000;
        return second.upToSeconds() + '.' + (char) ('0' + millis / 100) + (char) ('0' + millis / 10 % 10)
                + (char) ('0' + millis % 10) + second.offset();
    }

    /** The text with every char outside {@code !}…{@code ~}, and {@code "} and {@code \}, percent-encoded (UTF-8). */
    static String safe(String text) {
        if (text == null) {
            return "-";
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c > ' ' && c < 0x7F && c != '"' && c != '\\') {
                if (out != null) {
                    out.append(c);
                }
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            int end = Character.isSurrogate(c) && i + 1 < text.length() ? i + 2 : i + 1;
            for (byte b : text.substring(i, end).getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
                out.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
            }
            i = end - 1;
        }
        return out == null ? text : out.toString();
    }
}
