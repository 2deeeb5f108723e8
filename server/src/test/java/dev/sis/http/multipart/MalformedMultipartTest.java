package dev.sis.http.multipart;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class MalformedMultipartTest {
    private static final String BOUNDARY = "bnd";
    private static final String DISPOSITION = "Content-Disposition: form-data; name=\"f\"";

    private static AbstractThrowableAssert<?, ? extends Throwable> assertReadingFails(String body) {
        return assertReadingFails(body.getBytes(UTF_8));
    }

    /** Reads every part completely, the content included, and expects that to fail. */
    private static AbstractThrowableAssert<?, ? extends Throwable> assertReadingFails(byte[] body) {
        return assertThatThrownBy(() -> ParsedPart.readAll(body, BOUNDARY))
                .isInstanceOf(MalformedMultipartException.class);
    }

    @Test
    void emptyBodyOrGarbageInsteadOfTheBoundary() {
        assertReadingFails("").hasMessageContaining("no boundary delimiter");
        assertReadingFails("--other\r\n" + DISPOSITION + "\r\n\r\nx\r\n--other--\r\n")
                .hasMessageContaining("no boundary delimiter");
        assertReadingFails("garbage without any newline").hasMessageContaining("no boundary delimiter");
    }

    @Test
    void longPreambleWithoutDelimiter() {
        byte[] body = new byte[MultipartLimits.DEFAULT_MAX_HEADER_BYTES + 10];
        Arrays.fill(body, (byte) 'a');

        assertReadingFails(body).hasMessageContaining("no boundary delimiter in the first");
    }

    @Test
    void truncatedInsideContentMakesTheContentStreamThrow() throws IOException {
        byte[] body = new MultipartBodyBuilder(BOUNDARY).field("f", "some content").buildTruncated();
        MultipartPart part = new MultipartReader(new ByteArrayInputStream(body), BOUNDARY).next();

        assertThatThrownBy(() -> part.content().readAllBytes())
                .isInstanceOf(MalformedMultipartException.class)
                .hasMessageContaining("ends inside a part's content");
    }

    @Test
    void truncatedAtEveryPointOfABodyFails() {
        byte[] body = new MultipartBodyBuilder(BOUNDARY).field("a", "1\r\n--bn").file("f", "x", "a/b", new byte[] {'-'})
                .build();
        int closingDelimiterEnd = body.length - 2; // a body may end right after "--bnd--"

        for (int length = 0; length < closingDelimiterEnd; length++) {
            byte[] truncated = Arrays.copyOf(body, length);
            assertThatThrownBy(() -> ParsedPart.readAll(truncated, BOUNDARY))
                    .as("body cut to %d bytes", length)
                    .isInstanceOf(MalformedMultipartException.class);
        }
    }

    @Test
    void truncatedInsideHeadersOrRightAfterADelimiter() {
        assertReadingFails("--bnd\r\n" + DISPOSITION).hasMessageContaining("inside a part's headers");
        assertReadingFails("--bnd\r\n").hasMessageContaining("inside a part's headers");
        assertReadingFails("--bnd").hasMessageContaining("ends after its first boundary delimiter");
        assertReadingFails("--bnd\r\n" + DISPOSITION + "\r\n\r\nx\r\n--bnd ")
                .hasMessageContaining("ends inside a part's content");
    }

    @Test
    void headerSectionOverTheLimit() {
        String longValue = "x".repeat(MultipartLimits.DEFAULT_MAX_HEADER_BYTES);
        String manyLines = ("X-Filler: " + "y".repeat(100) + "\r\n").repeat(200);

        assertReadingFails("--bnd\r\n" + DISPOSITION + "\r\nX-Long: " + longValue + "\r\n\r\nx\r\n--bnd--\r\n")
                .hasMessageContaining("headers are longer than the limit");
        assertReadingFails("--bnd\r\n" + DISPOSITION + "\r\n" + manyLines + "\r\nx\r\n--bnd--\r\n")
                .hasMessageContaining("headers are longer than the limit");
    }

    @Test
    void headersExactlyAtTheLimitAreAccepted() throws IOException {
        String head = DISPOSITION + "\r\n\r\n";
        MultipartLimits limits = new MultipartLimits(head.length(), 10);
        byte[] body = ("--bnd\r\n" + head + "x\r\n--bnd--\r\n").getBytes(UTF_8);

        MultipartPart part = new MultipartReader(new ByteArrayInputStream(body), BOUNDARY, limits).next();
        assertThat(part.content().readAllBytes()).isEqualTo("x".getBytes(UTF_8));

        MultipartLimits oneLess = new MultipartLimits(head.length() - 1, 10);
        assertThatThrownBy(() -> new MultipartReader(new ByteArrayInputStream(body), BOUNDARY, oneLess).next())
                .isInstanceOf(MalformedMultipartException.class);
    }

    @Test
    void moreThanMaxParts() throws IOException {
        MultipartBodyBuilder builder = new MultipartBodyBuilder(BOUNDARY);
        for (int i = 0; i < 4; i++) {
            builder.field("f" + i, "v");
        }
        byte[] body = builder.build();
        MultipartReader reader = new MultipartReader(new ByteArrayInputStream(body), BOUNDARY, new MultipartLimits(1024, 3));

        for (int i = 0; i < 3; i++) {
            assertThat(reader.next()).isNotNull();
        }
        assertThatThrownBy(reader::next).isInstanceOf(MalformedMultipartException.class)
                .hasMessageContaining("more than 3 parts");
    }

    @Test
    void badHeaders() {
        assertReadingFails("--bnd\r\n" + DISPOSITION + "\r\nno colon here\r\n\r\nx\r\n--bnd--\r\n")
                .hasMessageContaining("part 1").hasMessageContaining("colon");
        assertReadingFails("--bnd\r\nContent-Type: text/plain\r\n\r\nx\r\n--bnd--\r\n")
                .hasMessageContaining("no Content-Disposition");
        assertReadingFails("--bnd\r\nContent-Disposition: attachment; name=\"f\"\r\n\r\nx\r\n--bnd--\r\n")
                .hasMessageContaining("not form-data");
        assertReadingFails("--bnd\r\nContent-Disposition: form-data; filename=\"a.jpg\"\r\n\r\nx\r\n--bnd--\r\n")
                .hasMessageContaining("no name parameter");
        assertReadingFails("--bnd\r\nContent-Disposition: form-data; name=\"f\r\n\r\nx\r\n--bnd--\r\n")
                .hasMessageContaining("unterminated quoted string");
        assertReadingFails("--bnd\r\nContent-Disposition: form-data; name=\"f\"; name=\"g\"\r\n\r\nx\r\n--bnd--\r\n")
                .hasMessageContaining("twice");
    }

    @Test
    void badExtendedFileName() {
        String head = "--bnd\r\nContent-Disposition: form-data; name=\"f\"; filename*=";
        String tail = "\r\n\r\nx\r\n--bnd--\r\n";

        assertReadingFails(head + "UTF-16''a.jpg" + tail).hasMessageContaining("charset");
        assertReadingFails(head + "UTF-8''a%2" + tail).hasMessageContaining("%-escape");
        assertReadingFails(head + "UTF-8''a%zz.jpg" + tail).hasMessageContaining("%-escape");
        assertReadingFails(head + "UTF-8''%FF%FE.jpg" + tail).hasMessageContaining("not valid UTF-8");
        assertReadingFails(head + "a.jpg" + tail).hasMessageContaining("charset'language'value");
    }

    @Test
    void junkAfterADelimiter() {
        assertReadingFails("--bnd\r\n" + DISPOSITION + "\r\n\r\nx\r\n--bnd junk\r\n" + DISPOSITION + "\r\n\r\ny\r\n--bnd--")
                .hasMessageContaining("followed by characters other than spaces");
    }

    /**
     * RFC 2046: the delimiter may not start a line of content. Go's parser took such a line for
     * content; Jetty's, under sis since issue 16, ends the part there and refuses what follows.
     */
    @Test
    void contentLineStartingWithTheDelimiterIsRefused() {
        for (String after : new String[] {"X", "-x", "_"}) {
            assertReadingFails("--bnd\r\n" + DISPOSITION + "\r\n\r\nab\r\n--bnd" + after + "cd\r\n--bnd--\r\n")
                    .as("delimiter followed by %s", after)
                    .hasMessageContaining("followed by characters other than spaces");
        }
    }

    @Test
    void invalidLimitsAreRejected() {
        assertThatThrownBy(() -> new MultipartLimits(0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MultipartLimits(MultipartLimits.HEADER_BYTES_CEILING + 1, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MultipartLimits(100, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
