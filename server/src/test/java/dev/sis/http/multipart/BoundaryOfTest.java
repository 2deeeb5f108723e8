package dev.sis.http.multipart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class BoundaryOfTest {
    private static final String SEVENTY = "b".repeat(70);

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "multipart/form-data; boundary=abc | abc",
            "multipart/form-data; boundary=\"a b:c\" | a b:c",
            "Multipart/Form-Data; BOUNDARY=----WebKitFormBoundaryAbC123 | ----WebKitFormBoundaryAbC123",
            "multipart/form-data;charset=UTF-8;boundary=xyz ; other=1 | xyz",
            "multipart/form-data; boundary=\"quoted=;\" | quoted=;"})
    void extractsTheBoundary(String contentType, String boundary) throws MalformedMultipartException {
        assertThat(MultipartReader.boundaryOf(contentType)).isEqualTo(boundary);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "application/json",
            "multipart/mixed; boundary=abc",
            "multipart/form-data",
            "multipart/form-data; charset=utf-8",
            "multipart/form-data; boundary=",
            "multipart/form-data; boundary=\"\"",
            "multipart/form-data; boundary=\"ends with space \"",
            "multipart/form-data; boundary=\"caf\u00e9\"",
            "multipart/form-data; boundary=\"unterminated",
            "; boundary=abc",
            ""})
    void rejectsBadContentTypes(String contentType) {
        assertThatThrownBy(() -> MultipartReader.boundaryOf(contentType))
                .isInstanceOf(MalformedMultipartException.class)
                .hasMessageContaining("Content-Type");
    }

    @ParameterizedTest
    @NullSource
    void rejectsAMissingContentType(String contentType) {
        assertThatThrownBy(() -> MultipartReader.boundaryOf(contentType))
                .isInstanceOf(MalformedMultipartException.class).hasMessageContaining("no Content-Type");
    }

    @ParameterizedTest
    @ValueSource(ints = {70, 71})
    void boundaryMayHaveUpTo70Characters(int length) throws MalformedMultipartException {
        String contentType = "multipart/form-data; boundary=" + "b".repeat(length);
        if (length <= 70) {
            assertThat(MultipartReader.boundaryOf(contentType)).isEqualTo(SEVENTY);
        } else {
            assertThatThrownBy(() -> MultipartReader.boundaryOf(contentType))
                    .isInstanceOf(MalformedMultipartException.class).hasMessageContaining("longer than 70");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "with\r\nnewline", "trailing "})
    void readerRejectsAnInvalidBoundary(String boundary) {
        assertThatThrownBy(() -> new MultipartReader(InputStream.nullInputStream(), boundary))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
