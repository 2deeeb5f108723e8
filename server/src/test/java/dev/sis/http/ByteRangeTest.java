package dev.sis.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ByteRangeTest {
    private static final long SIZE = 100;

    @Test
    void aClosedRange() {
        ByteRange range = ByteRange.parse("bytes=0-9", SIZE);
        assertThat(range).isEqualTo(new ByteRange(0, 9));
        assertThat(range.length()).isEqualTo(10);
    }

    @Test
    void oneByte() {
        assertThat(ByteRange.parse("bytes=5-5", SIZE)).isEqualTo(new ByteRange(5, 5));
        assertThat(ByteRange.parse("bytes=5-5", SIZE).length()).isEqualTo(1);
    }

    @Test
    void anOpenEndedRangeGoesToTheLastByte() {
        assertThat(ByteRange.parse("bytes=90-", SIZE)).isEqualTo(new ByteRange(90, 99));
    }

    @Test
    void anEndPastTheFileIsClampedToTheLastByte() {
        assertThat(ByteRange.parse("bytes=50-1000", SIZE)).isEqualTo(new ByteRange(50, 99));
    }

    @Test
    void aSuffixRangeIsTheLastBytes() {
        assertThat(ByteRange.parse("bytes=-10", SIZE)).isEqualTo(new ByteRange(90, 99));
    }

    @Test
    void aSuffixLongerThanTheFileIsTheWholeFile() {
        assertThat(ByteRange.parse("bytes=-500", SIZE)).isEqualTo(new ByteRange(0, 99));
    }

    @Test
    void theUnitIsCaseInsensitiveAndSpacesAroundNumbersAreAllowed() {
        assertThat(ByteRange.parse("Bytes=1-2", SIZE)).isEqualTo(new ByteRange(1, 2));
        assertThat(ByteRange.parse("  bytes= 1 - 2 ", SIZE)).isEqualTo(new ByteRange(1, 2));
    }

    @Test
    void aStartAtOrPastTheEndIsUnsatisfiable() {
        assertThat(ByteRange.parse("bytes=100-", SIZE)).isSameAs(ByteRange.UNSATISFIABLE);
        assertThat(ByteRange.parse("bytes=100-200", SIZE)).isSameAs(ByteRange.UNSATISFIABLE);
    }

    @Test
    void anEmptySuffixIsUnsatisfiable() {
        assertThat(ByteRange.parse("bytes=-0", SIZE)).isSameAs(ByteRange.UNSATISFIABLE);
    }

    @Test
    void nothingIsSatisfiableInAnEmptyFile() {
        assertThat(ByteRange.parse("bytes=0-", 0)).isSameAs(ByteRange.UNSATISFIABLE);
        assertThat(ByteRange.parse("bytes=-5", 0)).isSameAs(ByteRange.UNSATISFIABLE);
    }

    /** Headers that must be ignored: the answer is then 200 with the whole file. */
    @ParameterizedTest
    @ValueSource(strings = {
        "bytes=0-1,4-5",        // several ranges: answered whole
        "bytes=5-2",            // last before first
        "items=0-1",            // another unit
        "bytes",                // no ranges
        "bytes=",
        "bytes=-",
        "bytes=5",              // no dash
        "bytes=a-b",
        "bytes=+1-2",
        "bytes=1-+2",
        "bytes=-+3",
        "bytes=0x1-2",
        "bytes=99999999999999999999-", // over a long
        "bytes=0-99999999999999999999",
    })
    void malformedOrMultipleRangesAreIgnored(String header) {
        assertThat(ByteRange.parse(header, SIZE)).isNull();
    }
}
