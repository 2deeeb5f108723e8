package dev.sis.http.multipart;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Fuzzes the multipart parser with any body and any boundary: the body is read part by part or
 * refused with {@link MalformedMultipartException}; nothing else escapes, no part yields more
 * bytes than the body had, and the part limit holds.
 *
 * <p>One fuzz target per class, so that a fuzzing run (one target per JVM) can fork a JVM per
 * class. A normal build runs only the seeds in {@code MultipartBodyFuzzTestInputs/}; see
 * docs/reliability.md for fuzzing runs.
 */
class MultipartBodyFuzzTest {
    private static final MultipartLimits SMALL = new MultipartLimits(512, 16);

    @FuzzTest
    void anyBodyIsReadOrRefusedAsMalformed(FuzzedDataProvider data) throws IOException {
        String boundary = data.consumeBoolean() ? "b0undary" : data.consumeAsciiString(72);
        boolean bigLimits = data.consumeBoolean();
        int readChunk = data.consumeInt(1, 9000);
        byte[] body = data.consumeRemainingAsBytes();
        MultipartReader reader;
        try {
            reader = new MultipartReader(new ByteArrayInputStream(body), boundary,
                    bigLimits ? MultipartLimits.defaults() : SMALL);
        } catch (IllegalArgumentException invalidBoundary) {
            return;
        }
        try {
            long total = 0;
            int parts = 0;
            MultipartPart part;
            while ((part = reader.next()) != null) {
                parts++;
                assertThat(part.fieldName()).isNotNull();
                total += drain(part.content(), readChunk);
                assertThat(total).isLessThanOrEqualTo(body.length);
            }
            assertThat(parts).isLessThanOrEqualTo(bigLimits ? MultipartLimits.DEFAULT_MAX_PARTS : SMALL.maxParts());
            assertThat(reader.next()).as("after the end, always null").isNull();
        } catch (MalformedMultipartException refused) {
            assertThat(refused.getMessage()).isNotBlank();
        }
    }

    private static long drain(InputStream in, int chunk) throws IOException {
        byte[] buffer = new byte[chunk];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) >= 0) {
            total += n;
        }
        return total;
    }
}
