package dev.sis.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageIdTest {
    private static final String MD5 = "0123456789abcdef0123456789abcdef";

    @Test
    void parsesAnMd5AloneOrWithAName() {
        assertThat(ImageId.parse(MD5)).isEqualTo(new ImageId(MD5, null));
        assertThat(ImageId.parse(MD5 + "/cat 1.jpg")).isEqualTo(ImageId.of(MD5, "cat 1.jpg"));
        assertThat(ImageId.parse(MD5.toUpperCase()).md5()).isEqualTo(MD5);
        assertThat(ImageId.of(MD5, "猫.jpg").toString()).isEqualTo(MD5 + "/猫.jpg");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "0123456789abcdef0123456789abcdeg", "0123456789abcdef0123456789abcdef0",
            " 0123456789abcdef0123456789abcde"})
    void refusesWhatIsNotAnMd5(String text) {
        assertThatThrownBy(() -> ImageId.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("an MD5 is 32 hexadecimal digits");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "a/b.jpg", "a\\b.jpg", "a\nb.jpg", "a\u0000b", "a\u007Fb"})
    void refusesNamesTheServerWouldRefuse(String name) {
        assertThatThrownBy(() -> ImageId.of(MD5, name)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("a file name must not");
    }

    @Test
    void refusesNulls() {
        assertThatThrownBy(() -> ImageId.of(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> ImageId.of(MD5, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> ImageId.parse(null)).isInstanceOf(NullPointerException.class);
    }
}
