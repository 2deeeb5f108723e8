package dev.sis.http.multipart;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A well-formed body made of fuzzed file names and contents (CRLF or bare LF) reads back exactly
 * as it was written. Seeds: {@code MultipartRoundTripFuzzTestInputs/}.
 */
class MultipartRoundTripFuzzTest {

    @FuzzTest
    void wellFormedBodiesRoundTrip(FuzzedDataProvider data) throws IOException {
        String boundary = "----fuzz" + Integer.toHexString(data.consumeInt());
        MultipartBodyBuilder builder = new MultipartBodyBuilder(boundary).newline(data.consumeBoolean() ? "\r\n" : "\n");
        int count = data.consumeInt(0, 5);
        List<byte[]> contents = new ArrayList<>();
        List<String> names = new ArrayList<>();
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < count; i++) {
            String name = safeName(data.consumeString(20));
            byte[] content = data.consumeBytes(data.consumeInt(0, 3000));
            if (contains(content, delimiter)) {
                return;
            }
            names.add(name);
            contents.add(content);
            builder.file("f" + i, name, "application/octet-stream", content);
        }
        MultipartReader reader = new MultipartReader(new ByteArrayInputStream(builder.build()), boundary);
        for (int i = 0; i < count; i++) {
            MultipartPart part = reader.next();
            assertThat(part).isNotNull();
            assertThat(part.fileName()).isEqualTo(names.get(i));
            assertThat(part.content().readAllBytes()).isEqualTo(contents.get(i));
        }
        assertThat(reader.next()).isNull();
    }

    /** A name the builder can quote as is: no quote, backslash, control character or lone surrogate. */
    private static String safeName(String raw) {
        StringBuilder name = new StringBuilder();
        raw.codePoints().filter(c -> c >= 0x20 && c != '"' && c != '\\' && c != 0x7F && !(c >= 0x80 && c < 0xA0)
                        && !Character.isSurrogate((char) c))
                .forEach(name::appendCodePoint);
        return name.isEmpty() ? "x" : name.toString();
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
