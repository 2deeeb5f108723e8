package dev.sis.cli;

import dev.sis.cli.ValueType.InvalidValueException;
import dev.sis.config.CacheConfig.CachePolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ValueTypeTest {
    private static final ValueType<Long> SIZE = ValueType.byteSize(1, 1L << 40);
    private static final ValueType<Long> PIXELS = ValueType.pixels(1, 1_000_000_000_000L);
    private static final ValueType<Duration> DURATION = ValueType.duration(Duration.ofHours(1));
    private static final ValueType<Integer> PORT = ValueType.integer(0, 65_535);

    @ParameterizedTest
    @CsvSource({"1, 1", "52428800, 52428800", "1K, 1024", "1KiB, 1024", "2k, 2048", "50MiB, 52428800",
            "50m, 52428800", "50mib, 52428800", "1G, 1073741824", "1GiB, 1073741824", "1TiB, 1099511627776",
            "1024G, 1099511627776", "007, 7"})
    void byteSizes(String raw, long bytes) {
        assertThat(SIZE.parse(raw)).isEqualTo(bytes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "0", "0MiB", "-1", "-1K", "1.5GiB", "50MB", "50 MiB", " 50MiB", "50MiB ",
            "MiB", "1B", "1PiB", "1025G", "1099511627777", "99999999999999999999", "99999999999999999999K",
            "1e6", "0x10", "+5", "٥"})
    void badByteSizes(String raw) {
        assertThatThrownBy(() -> SIZE.parse(raw)).isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("must be a byte size from 1 byte to 1TiB");
    }

    @ParameterizedTest
    @CsvSource({"1, 1", "50000000, 50000000", "50MP, 50000000", "50mp, 50000000", "1000000MP, 1000000000000"})
    void pixelCounts(String raw, long pixels) {
        assertThat(PIXELS.parse(raw)).isEqualTo(pixels);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0", "0MP", "-1", "1.5MP", "50 MP", "50M", "MP", "1000001MP",
            "99999999999999999999", "99999999999999999999MP", " 1"})
    void badPixelCounts(String raw) {
        assertThatThrownBy(() -> PIXELS.parse(raw)).isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("must be a pixel count like 50000000 or megapixels like 50MP, from 1 pixel to 1000000MP");
    }

    @ParameterizedTest
    @CsvSource({"0, PT0S", "30, PT30S", "30s, PT30S", "500ms, PT0.5S", "2m, PT2M", "1h, PT1H", "60m, PT1H",
            "3600, PT1H", "3600000ms, PT1H", "30S, PT30S", "500MS, PT0.5S"})
    void durations(String raw, Duration expected) {
        assertThat(DURATION.parse(raw)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "-1", "-1s", "1.5s", "30 s", "30sec", "2min", "1d", "3601", "61m", "2h",
            "3600001ms", "99999999999999999999", "999999999999h", "s", "PT30S"})
    void badDurations(String raw) {
        assertThatThrownBy(() -> DURATION.parse(raw)).isInstanceOf(InvalidValueException.class)
                .hasMessage("must be a duration from 0 to 1h: seconds, or a number with ms, s, m or h (500ms, 30s, 2m)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "abc", "65536", "-1", "-0x1", "99999999999999999999", " 80", "80 ", "8 0",
            "80.0", "+", "-", "٨٠"})
    void badIntegers(String raw) {
        assertThatThrownBy(() -> PORT.parse(raw)).isInstanceOf(InvalidValueException.class)
                .hasMessage("must be an integer from 0 to 65535");
    }

    @Test
    void integersAtTheirBounds() {
        assertThat(PORT.parse("0")).isZero();
        assertThat(PORT.parse("65535")).isEqualTo(65_535);
        assertThat(PORT.parse("00080")).isEqualTo(80);
    }

    @Test
    void booleansUseGosSpellings() {
        ValueType<Boolean> bool = ValueType.bool();
        for (String t : new String[] {"true", "True", "TRUE", "t", "T", "1"}) {
            assertThat(bool.parse(t)).as(t).isTrue();
        }
        for (String f : new String[] {"false", "False", "FALSE", "f", "F", "0"}) {
            assertThat(bool.parse(f)).as(f).isFalse();
        }
        for (String bad : new String[] {"", "yes", "no", "on", "tRUE", " true", "2"}) {
            assertThatThrownBy(() -> bool.parse(bad)).as(bad).isInstanceOf(InvalidValueException.class);
        }
    }

    @Test
    void choicesIgnoreCase() {
        ValueType<CachePolicy> policy = ValueType.choice(CachePolicy.class);
        assertThat(policy.parse("fifo")).isEqualTo(CachePolicy.FIFO);
        assertThat(policy.parse("TinyLFU")).isEqualTo(CachePolicy.TINYLFU);
        assertThatThrownBy(() -> policy.parse("lru")).hasMessage("must be fifo or tinylfu");
    }

    @Test
    void urls() {
        ValueType<Optional<String>> url = ValueType.optionalUrl();
        assertThat(url.parse("")).isEmpty();
        assertThat(url.parse("http://10.0.0.5:4444")).contains("http://10.0.0.5:4444");
        assertThat(url.parse("HTTPS://sis.example/base/")).contains("HTTPS://sis.example/base/");
        for (String bad : new String[] {"10.0.0.5:4444", "ftp://h", "http://", "http:///path", "http://h/?q=1",
                "http://h/#f", "http://h h", " http://h"}) {
            assertThatThrownBy(() -> url.parse(bad)).as(bad).isInstanceOf(InvalidValueException.class);
        }
    }
}
