package dev.sis.http.multipart;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.InputStream;

/**
 * Fuzzes {@link MultipartReader#boundaryOf}: any Content-Type gives a boundary the reader
 * accepts, or is refused with {@link MalformedMultipartException}. Seeds:
 * {@code MultipartBoundaryFuzzTestInputs/}.
 */
class MultipartBoundaryFuzzTest {

    @FuzzTest
    void anyContentTypeGivesAUsableBoundaryOrIsRefused(FuzzedDataProvider data) {
        String contentType = data.consumeRemainingAsString();
        String boundary;
        try {
            boundary = MultipartReader.boundaryOf(contentType);
        } catch (MalformedMultipartException refused) {
            return;
        }
        new MultipartReader(InputStream.nullInputStream(), boundary);
    }
}
