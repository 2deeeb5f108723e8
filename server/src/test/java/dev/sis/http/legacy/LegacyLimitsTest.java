package dev.sis.http.legacy;

import static dev.sis.http.legacy.LegacyFixtures.BAD_NAME;
import static dev.sis.http.legacy.LegacyFixtures.BAD_REQUEST;
import static dev.sis.http.legacy.LegacyFixtures.LIMIT;
import static dev.sis.http.legacy.LegacyFixtures.TOO_LARGE;
import static dev.sis.http.legacy.LegacyFixtures.stagingFiles;
import static dev.sis.http.legacy.LegacyFixtures.storedFiles;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.testing.SisServerExtension;
import dev.sis.testing.TestClient.RawResponse;
import dev.sis.testing.TestImages;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The 50 MiB request limit, sent the way Go's and Java's simple clients send: the whole body is
 * written before the answer is read, so the server must not reset the connection on it. Bodies
 * are generated while they are written; none is held in memory.
 */
class LegacyLimitsTest {
    private static final String BOUNDARY = "sisLimitsBoundary";
    private static final byte[] JPEG = TestImages.jpeg(32, 24, 3);

    @RegisterExtension
    static final SisServerExtension sis = SisServerExtension.perTest();

    /** A multipart body of exactly {@code total} bytes: one file part, a JPEG padded with zeros. */
    private static InputStream body(String fileName, long total) {
        byte[] head = ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: image/jpeg\r\n\r\n").getBytes(UTF_8);
        byte[] tail = ("\r\n--" + BOUNDARY + "--\r\n").getBytes(UTF_8);
        long padding = total - head.length - JPEG.length - tail.length;
        return new SequenceInputStream(Collections.enumeration(List.of(new ByteArrayInputStream(head),
                new ByteArrayInputStream(JPEG), new Zeros(padding), new ByteArrayInputStream(tail))));
    }

    /** The MD5 of the file {@link #body} holds for a body of {@code total} bytes with that name. */
    private static String fileMd5(String fileName, long total) throws Exception {
        long overhead = ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: image/jpeg\r\n\r\n").getBytes(UTF_8).length
                + ("\r\n--" + BOUNDARY + "--\r\n").getBytes(UTF_8).length;
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        md5.update(JPEG);
        byte[] zeros = new byte[64 * 1024];
        for (long left = total - overhead - JPEG.length; left > 0; left -= zeros.length) {
            md5.update(zeros, 0, (int) Math.min(left, zeros.length));
        }
        return HexFormat.of().formatHex(md5.digest());
    }

    private static Map<String, String> multipartHeaders(long contentLength) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "multipart/form-data; boundary=" + BOUNDARY);
        headers.put("Content-Length", Long.toString(contentLength));
        return headers;
    }

    private static void assertText(RawResponse response, int status, String text) {
        assertThat(response.status()).as("status").isEqualTo(status);
        assertThat(response.text()).isEqualTo(text);
        assertThat(response.headers().get("content-type")).startsWith("text/plain").containsIgnoringCase("charset=utf-8");
    }

    private void assertNothingStored() {
        assertThat(storedFiles(sis.server())).isEmpty();
        assertThat(stagingFiles(sis.server())).isEmpty();
    }

    @Test
    void aBodyOneByteOverTheLimitIsAnswered413AfterTheClientSentItAll() throws Exception {
        RawResponse response = sis.client().writeAllThenRead("POST", "/up",
                multipartHeaders(LIMIT + 1), body("big.jpg", LIMIT + 1));

        assertText(response, 413, TOO_LARGE);
        assertThat(response.headers()).containsEntry("access-control-allow-origin", "*");
        assertNothingStored();
    }

    /** curl asks before it sends a body over 1 MiB: a body too large by its length is refused unsent. */
    @Test
    void aBodyTooLargeByItsLengthIsRefusedBeforeAClientThatAsksFirstSendsIt() throws Exception {
        Map<String, String> headers = multipartHeaders(LIMIT + 1);
        headers.put("Expect", "100-continue");

        RawResponse response = sis.client().headThenRead("POST", "/up", headers);

        assertText(response, 413, TOO_LARGE);
        assertNothingStored();
    }

    @Test
    void aChunkedBodyOverTheLimitIsAnswered413() throws Exception {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "multipart/form-data; boundary=" + BOUNDARY);
        headers.put("Transfer-Encoding", "chunked");
        long size = LIMIT + 1024 * 1024;

        RawResponse response = sis.client().writeAllThenRead("POST", "/up", headers,
                new Chunked(body("big.jpg", size)));

        assertText(response, 413, TOO_LARGE);
        assertThat(response.headers()).containsEntry("access-control-allow-origin", "*");
        assertNothingStored();
    }

    @Test
    void aBodyOfExactlyTheLimitIsAccepted() throws Exception {
        RawResponse response = sis.client().writeAllThenRead("POST", "/up",
                multipartHeaders(LIMIT), body("fifty.jpg", LIMIT));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.text()).contains("\"Name\":\"fifty.jpg\"").contains("\"MD5\":\"" + fileMd5("fifty.jpg", LIMIT) + "\"");
        assertThat(storedFiles(sis.server())).singleElement()
                .satisfies(file -> assertThat(Files.size(file)).isGreaterThan(LIMIT - 300));
    }

    @Test
    void aChunkedBodyUnderTheLimitIsAccepted() throws Exception {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "multipart/form-data; boundary=" + BOUNDARY);
        headers.put("Transfer-Encoding", "chunked");

        RawResponse response = sis.client().writeAllThenRead("POST", "/up", headers,
                new Chunked(body("chunked.jpg", 3 * 1024 * 1024)));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.text()).contains("\"MD5\":\"" + fileMd5("chunked.jpg", 3 * 1024 * 1024) + "\"");
    }

    @Test
    void aBadNameRefusedBeforeALargeBodyIsReadIsStillReceived() throws Exception {
        long size = 30L * 1024 * 1024;

        RawResponse response = sis.client().writeAllThenRead("POST", "/up",
                multipartHeaders(size), body("..", size));

        assertText(response, 413, BAD_NAME);
        assertNothingStored();
    }

    @Test
    void aLargeBodyThatIsNotMultipartIsStillAnswered400() throws Exception {
        long size = 30L * 1024 * 1024;
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/octet-stream");
        headers.put("Content-Length", Long.toString(size));

        RawResponse response = sis.client().writeAllThenRead("POST", "/up", headers, new Zeros(size));

        assertText(response, 400, BAD_REQUEST);
        assertNothingStored();
    }

    /** {@code n} zero bytes, made as they are read. */
    private static final class Zeros extends InputStream {
        private long left;

        Zeros(long n) {
            this.left = n;
        }

        @Override
        public int read() {
            if (left <= 0) {
                return -1;
            }
            left--;
            return 0;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (left <= 0) {
                return -1;
            }
            int n = (int) Math.min(length, left);
            java.util.Arrays.fill(buffer, offset, offset + n, (byte) 0);
            left -= n;
            return n;
        }
    }

    /** Frames a stream in HTTP/1.1 chunked transfer coding, 64 KiB a chunk. */
    private static final class Chunked extends InputStream {
        private final InputStream in;
        private byte[] pending = new byte[0];
        private int at;
        private boolean done;

        Chunked(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (at == pending.length && !fill()) {
                return -1;
            }
            int n = Math.min(length, pending.length - at);
            System.arraycopy(pending, at, buffer, offset, n);
            at += n;
            return n;
        }

        private boolean fill() throws IOException {
            if (done) {
                return false;
            }
            byte[] data = in.readNBytes(64 * 1024);
            byte[] sizeLine = (Integer.toHexString(data.length) + "\r\n").getBytes(UTF_8);
            byte[] end = "\r\n".getBytes(UTF_8);
            pending = new byte[sizeLine.length + data.length + end.length];
            System.arraycopy(sizeLine, 0, pending, 0, sizeLine.length);
            System.arraycopy(data, 0, pending, sizeLine.length, data.length);
            System.arraycopy(end, 0, pending, sizeLine.length + data.length, end.length);
            at = 0;
            done = data.length == 0;
            return true;
        }
    }
}
