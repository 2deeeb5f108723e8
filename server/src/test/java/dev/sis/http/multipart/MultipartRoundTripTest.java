package dev.sis.http.multipart;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(20)
class MultipartRoundTripTest {
    private static final String BOUNDARY = "XyZ-boundary-42";
    private static final int BUFFER = MultipartReader.BUFFER_SIZE;

    @Test
    void onePart() throws IOException {
        byte[] body = new MultipartBodyBuilder(BOUNDARY)
                .file("image", "cat.jpg", "image/jpeg", "meow".getBytes(UTF_8)).build();

        assertThat(ParsedPart.readOnly(body, BOUNDARY))
                .usingRecursiveComparison()
                .isEqualTo(new ParsedPart("image", "cat.jpg", "image/jpeg", "meow".getBytes(UTF_8)));
    }

    @Test
    void manyFileAndFieldParts() throws IOException {
        MultipartBodyBuilder builder = new MultipartBodyBuilder(BOUNDARY);
        for (int i = 0; i < 50; i++) {
            if (i % 2 == 0) {
                builder.field("field" + i, "value " + i);
            } else {
                builder.file("file" + i, "f" + i + ".png", "image/png", randomBytes(i * 97, i));
            }
        }

        List<ParsedPart> parts = ParsedPart.readAll(builder.build(), BOUNDARY);

        assertThat(parts).hasSize(50);
        for (int i = 0; i < 50; i++) {
            ParsedPart part = parts.get(i);
            assertThat(part.fieldName()).isEqualTo(i % 2 == 0 ? "field" + i : "file" + i);
            if (i % 2 == 0) {
                assertThat(part.fileName()).isNull();
                assertThat(part.contentType()).isNull();
                assertThat(new String(part.content(), UTF_8)).isEqualTo("value " + i);
            } else {
                assertThat(part.fileName()).isEqualTo("f" + i + ".png");
                assertThat(part.contentType()).isEqualTo("image/png");
                assertThat(part.content()).isEqualTo(randomBytes(i * 97, i));
            }
        }
    }

    @Test
    void emptyContentAndEmptyBody() throws IOException {
        byte[] body = new MultipartBodyBuilder(BOUNDARY)
                .field("empty", "").file("nothing", "zero.bin", "application/octet-stream", new byte[0])
                .field("after", "x").build();

        List<ParsedPart> parts = ParsedPart.readAll(body, BOUNDARY);

        assertThat(parts).extracting(p -> p.content().length).containsExactly(0, 0, 1);
        assertThat(ParsedPart.readAll(("--" + BOUNDARY + "--\r\n").getBytes(UTF_8), BOUNDARY)).isEmpty();
    }

    static IntStream sizes() {
        return IntStream.concat(IntStream.of(0, 1, 2, 3, 17, 1000, 3 * BUFFER + 1, 300_000),
                IntStream.rangeClosed(-40, 40).map(d -> BUFFER + d * 3));
    }

    @ParameterizedTest
    @MethodSource("sizes")
    void randomBinaryContentSurvivesWholeAndTrickled(int size) throws IOException {
        byte[] content = randomBytes(size, size);
        byte[] body = new MultipartBodyBuilder(BOUNDARY)
                .field("before", "b").file("f", "r.bin", "application/octet-stream", content)
                .field("after", "a").build();

        List<ParsedPart> whole = ParsedPart.readAll(body, BOUNDARY);
        List<ParsedPart> trickled = ParsedPart.readAll(new TricklingInputStream(body, size), BOUNDARY);

        for (List<ParsedPart> parts : List.of(whole, trickled)) {
            assertThat(parts).extracting(ParsedPart::fieldName).containsExactly("before", "f", "after");
            assertThat(parts.get(1).content()).isEqualTo(content);
            assertThat(parts.get(2).content()).isEqualTo("a".getBytes(UTF_8));
        }
    }

    @Test
    void nearMatchesOfTheDelimiterAreContent() throws IOException {
        byte[] content = nearMatches();
        // Put near-matches across the end of the first buffer fill as well as in its middle.
        for (int offset : new int[] {0, BUFFER - 300, BUFFER - 150, BUFFER - 40}) {
            ByteArrayOutputStream padded = new ByteArrayOutputStream();
            padded.writeBytes(randomBytes(offset, offset));
            padded.writeBytes(content);
            byte[] expected = padded.toByteArray();
            byte[] body = new MultipartBodyBuilder(BOUNDARY)
                    .file("f", "n.bin", "application/octet-stream", expected).field("next", "ok").build();

            for (List<ParsedPart> parts : List.of(ParsedPart.readAll(body, BOUNDARY),
                    ParsedPart.readAll(new TricklingInputStream(body, offset), BOUNDARY))) {
                assertThat(parts).hasSize(2);
                assertThat(parts.get(0).content()).isEqualTo(expected);
                assertThat(parts.get(1).content()).isEqualTo("ok".getBytes(UTF_8));
            }
        }
    }

    /** Every proper prefix of the delimiter, then the full boundary with its last byte changed, etc. */
    private static byte[] nearMatches() {
        String delimiter = "\r\n--" + BOUNDARY;
        StringBuilder text = new StringBuilder("--\r\n\r\r\n\n--");
        for (int length = 1; length < delimiter.length(); length++) {
            text.append(delimiter, 0, length).append('#');
        }
        char last = BOUNDARY.charAt(BOUNDARY.length() - 1);
        text.append(delimiter, 0, delimiter.length() - 1).append((char) (last + 1));
        text.append("\r\n-").append("\r");
        return text.toString().getBytes(UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"b", "aaaa", "ab-ab-ab", "----WebKitFormBoundary7MA4YWxkTrZu0gW"})
    void denseNearMatchesOverTheDelimitersOwnBytes(String boundary) throws IOException {
        for (long seed = 0; seed < 5; seed++) {
            byte[] content = contentWithoutDelimiter("\r\n--" + boundary, 3 * BUFFER, seed);
            byte[] body = new MultipartBodyBuilder(boundary).file("f", "d.bin", "a/b", content).field("z", "end").build();

            for (List<ParsedPart> parts : List.of(ParsedPart.readAll(body, boundary),
                    ParsedPart.readAll(new TricklingInputStream(body, seed), boundary))) {
                assertThat(parts).hasSize(2);
                assertThat(parts.get(0).content()).isEqualTo(content);
                assertThat(parts.get(1).content()).isEqualTo("end".getBytes(UTF_8));
            }
        }
    }

    /**
     * Random bytes drawn from the delimiter's own bytes, every full delimiter spoilt by an 'X' in
     * place of its last byte (a line that starts with the whole delimiter is refused, see
     * MalformedMultipartTest#contentLineStartingWithTheDelimiterIsRefused).
     */
    private static byte[] contentWithoutDelimiter(String delimiter, int size, long seed) {
        byte[] alphabet = (delimiter + "X").getBytes(UTF_8);
        Random random = new Random(seed);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String tail = "";
        while (out.size() < size) {
            // Mostly whole delimiters and their prefixes, so near-matches are everywhere.
            String piece = random.nextInt(3) == 0
                    ? String.valueOf((char) alphabet[random.nextInt(alphabet.length)])
                    : delimiter.substring(0, 1 + random.nextInt(delimiter.length()));
            tail = (tail + piece);
            // A bare LF also starts a delimiter, so "\n--boundary" is spoilt as well as "\r\n--boundary".
            if (tail.endsWith(delimiter.substring(1))) {
                piece = piece.substring(0, piece.length() - 1) + "X";
                tail = "";
            }
            tail = tail.substring(Math.max(0, tail.length() - delimiter.length()));
            out.writeBytes(piece.getBytes(UTF_8));
        }
        return out.toByteArray();
    }

    @Test
    void singleByteReadsGiveTheSameBytes() throws IOException {
        byte[] content = randomBytes(BUFFER + 500, 7);
        byte[] body = new MultipartBodyBuilder(BOUNDARY).file("f", "x", "a/b", content).build();
        MultipartPart part = new MultipartReader(new TricklingInputStream(body, 3), BOUNDARY).next();

        ByteArrayOutputStream read = new ByteArrayOutputStream();
        for (int b; (b = part.content().read()) != -1; ) {
            read.write(b);
        }

        assertThat(read.toByteArray()).isEqualTo(content);
        assertThat(part.content().read()).isEqualTo(-1);
        assertThat(part.content().read(new byte[8], 0, 8)).isEqualTo(-1);
    }

    @Test
    void nextSkipsUnreadContentAndClosesThePreviousStream() throws IOException {
        byte[] body = new MultipartBodyBuilder(BOUNDARY)
                .file("big", "big.bin", "a/b", randomBytes(5 * BUFFER, 1)).field("small", "s").build();
        MultipartReader reader = new MultipartReader(new ByteArrayInputStream(body), BOUNDARY);

        MultipartPart first = reader.next();
        first.content().readNBytes(10);
        MultipartPart second = reader.next();

        assertThat(second.fieldName()).isEqualTo("small");
        assertThat(second.content().readAllBytes()).isEqualTo("s".getBytes(UTF_8));
        assertThatThrownBy(() -> first.content().read())
                .isInstanceOf(IOException.class).hasMessageContaining("closed");
        assertThat(reader.next()).isNull();
        assertThat(reader.next()).isNull();
    }

    @Test
    void preamblePaddingAndEpilogueAreIgnored() throws IOException {
        String body = "This is a preamble.\r\n--" + BOUNDARY + " \t\r\n"
                + "Content-Disposition: form-data; name=\"a\"\r\n\r\n1"
                + "\r\n--" + BOUNDARY + "\t\r\n"
                + "Content-Disposition: form-data; name=\"b\"\r\n\r\n2"
                + "\r\n--" + BOUNDARY + "--  \r\nan epilogue, not a part\r\n--" + BOUNDARY + "\r\n";

        List<ParsedPart> parts = ParsedPart.readAll(body.getBytes(UTF_8), BOUNDARY);

        assertThat(parts).extracting(p -> new String(p.content(), UTF_8)).containsExactly("1", "2");
    }

    @Test
    void closingDelimiterWithoutFinalNewline() throws IOException {
        String body = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nv\r\n--" + BOUNDARY + "--";

        assertThat(ParsedPart.readOnly(body.getBytes(UTF_8), BOUNDARY).content()).isEqualTo("v".getBytes(UTF_8));
    }

    @Test
    void browserStyleBody() throws IOException {
        String boundary = "----WebKitFormBoundary7MA4YWxkTrZu0gW";
        byte[] jpeg = randomBytes(2000, 99);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"title\"\r\n\r\n"
                + "Holiday\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"beach.jpg\"\r\n"
                + "Content-Type: image/jpeg\r\n\r\n").getBytes(UTF_8));
        body.writeBytes(jpeg);
        body.writeBytes(("\r\n--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"empty\"; filename=\"\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n"
                + "\r\n--" + boundary + "--\r\n").getBytes(UTF_8));
        String contentType = "multipart/form-data; boundary=" + boundary;

        List<ParsedPart> parts = ParsedPart.readAll(body.toByteArray(), MultipartReader.boundaryOf(contentType));

        assertThat(parts).extracting(ParsedPart::fieldName).containsExactly("title", "file", "empty");
        assertThat(parts.get(0).content()).isEqualTo("Holiday".getBytes(UTF_8));
        assertThat(parts.get(1).fileName()).isEqualTo("beach.jpg");
        assertThat(parts.get(1).content()).isEqualTo(jpeg);
        assertThat(parts.get(2).fileName()).isEmpty();
        assertThat(parts.get(2).content()).isEmpty();
    }

    private static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
