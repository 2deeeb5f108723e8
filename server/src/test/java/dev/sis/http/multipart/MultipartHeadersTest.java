package dev.sis.http.multipart;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(10)
class MultipartHeadersTest {
    private static final String BOUNDARY = "b0undary";

    /** The one part of a body whose part has these header lines and content "x". */
    private static ParsedPart partWithHeaders(String... headerLines) throws IOException {
        byte[] body = new MultipartBodyBuilder(BOUNDARY).part(headerLines, "x".getBytes(UTF_8)).build();
        return ParsedPart.readOnly(body, BOUNDARY);
    }

    private static String fileNameOf(String disposition) throws IOException {
        return partWithHeaders("Content-Disposition: " + disposition).fileName();
    }

    @Test
    void quotedFileNameWithEscapes() throws IOException {
        assertThat(fileNameOf("form-data; name=\"f\"; filename=\"say \\\"hi\\\"; ok.jpg\""))
                .isEqualTo("say \"hi\"; ok.jpg");
        assertThat(fileNameOf("form-data; name=\"f\"; filename=\"back\\\\slash.jpg\"")).isEqualTo("back\\slash.jpg");
    }

    @Test
    void unquotedTokens() throws IOException {
        ParsedPart part = partWithHeaders("Content-Disposition: form-data; name=field; filename=plain.jpg");

        assertThat(part.fieldName()).isEqualTo("field");
        assertThat(part.fileName()).isEqualTo("plain.jpg");
    }

    @Test
    void extendedFileNameWinsOverPlainOne() throws IOException {
        assertThat(fileNameOf("form-data; name=\"f\"; filename=\"fallback.jpg\"; "
                + "filename*=UTF-8''%E4%B8%AD%E6%96%87%20photo.jpg")).isEqualTo("中文 photo.jpg");
        assertThat(fileNameOf("form-data; name=\"f\"; filename*=iso-8859-1'en'caf%E9.jpg")).isEqualTo("café.jpg");
    }

    @Test
    void rawUtf8FileNameIsDecodedAsUtf8() throws IOException {
        assertThat(fileNameOf("form-data; name=\"f\"; filename=\"北京的照片.jpg\"")).isEqualTo("北京的照片.jpg");
        assertThat(fileNameOf("form-data; name=\"f\"; filename=\"Ünïcödé 😀.png\"")).isEqualTo("Ünïcödé 😀.png");
    }

    @Test
    void absentFileNameIsNullAndEmptyOneIsEmpty() throws IOException {
        ParsedPart field = partWithHeaders("Content-Disposition: form-data; name=\"f\"");
        ParsedPart emptyFile = partWithHeaders("Content-Disposition: form-data; name=\"f\"; filename=\"\"");

        assertThat(field.fileName()).isNull();
        assertThat(emptyFile.fileName()).isEmpty();
        assertThat(new MultipartPart("f", null, null, java.io.InputStream.nullInputStream()).isFile()).isFalse();
        assertThat(new MultipartPart("f", "", null, java.io.InputStream.nullInputStream()).isFile()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "../x.jpg | ../x.jpg",
            "a\\b.jpg | a\\b.jpg",
            "C:\\Users\\me\\x.jpg | C:\\Users\\me\\x.jpg",
            "/etc/passwd | /etc/passwd"})
    void directoryLikeNamesPassThroughRaw(String sent, String expected) throws IOException {
        assertThat(fileNameOf("form-data; name=\"f\"; filename=\"" + sent + "\"")).isEqualTo(expected);
    }

    @Test
    void headerAndParameterNamesAreCaseInsensitive() throws IOException {
        ParsedPart part = partWithHeaders(
                "CONTENT-DISPOSITION: Form-Data; NAME=\"up\"; FileName=\"x.jpg\"",
                "content-TYPE:   image/jpeg  ",
                "X-Other: ignored");

        assertThat(part.fieldName()).isEqualTo("up");
        assertThat(part.fileName()).isEqualTo("x.jpg");
        assertThat(part.contentType()).isEqualTo("image/jpeg");
    }

    @Test
    void continuationLineExtendsTheHeaderBeforeIt() throws IOException {
        ParsedPart part = partWithHeaders("Content-Disposition: form-data;", "\tname=\"folded\"");

        assertThat(part.fieldName()).isEqualTo("folded");
    }

    @Test
    void bareLfLineEndingsThroughout() throws IOException {
        byte[] body = new MultipartBodyBuilder(BOUNDARY).newline("\n")
                .field("a", "line1\r\nline2").file("f", "x.jpg", "image/jpeg", "\n--b0undar\n".getBytes(UTF_8))
                .build();

        List<ParsedPart> parts = ParsedPart.readAll(new TricklingInputStream(body, 5), BOUNDARY);

        assertThat(parts).extracting(ParsedPart::fieldName).containsExactly("a", "f");
        assertThat(new String(parts.get(0).content(), UTF_8)).isEqualTo("line1\r\nline2");
        assertThat(new String(parts.get(1).content(), UTF_8)).isEqualTo("\n--b0undar\n");
        assertThat(parts.get(1).fileName()).isEqualTo("x.jpg");
    }

    /** Jetty takes a CR before LF + delimiter for part of the delimiter; in a bare-LF body it is content. */
    @Test
    void bareLfBodyKeepsAContentEndingInCr() throws IOException {
        byte[] body = new MultipartBodyBuilder(BOUNDARY).newline("\n")
                .file("f", "x.bin", "a/b", "ends in CR\r".getBytes(UTF_8)).field("cr", "\r").field("empty", "")
                .build();

        for (long seed = 0; seed < 20; seed++) {
            List<ParsedPart> parts = ParsedPart.readAll(new TricklingInputStream(body, seed), BOUNDARY);

            assertThat(parts).extracting(p -> new String(p.content(), UTF_8)).containsExactly("ends in CR\r", "\r", "");
        }
        assertThat(ParsedPart.readAll(body, BOUNDARY)).extracting(p -> new String(p.content(), UTF_8))
                .containsExactly("ends in CR\r", "\r", "");
    }

    @Test
    void bareLfHeadersInACrlfBody() throws IOException {
        String body = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"a\"\nContent-Type: text/plain\n\n"
                + "v\r\n--" + BOUNDARY + "--\r\n";

        ParsedPart part = ParsedPart.readOnly(body.getBytes(UTF_8), BOUNDARY);

        assertThat(part.contentType()).isEqualTo("text/plain");
        assertThat(part.content()).isEqualTo("v".getBytes(UTF_8));
    }
}
