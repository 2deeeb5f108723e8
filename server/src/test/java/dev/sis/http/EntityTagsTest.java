package dev.sis.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EntityTagsTest {
    private static final String TAG = "\"0123456789abcdef0123456789abcdef\"";

    @Test
    void noHeaderMatchesNothing() {
        assertThat(EntityTags.matches(null, TAG)).isFalse();
    }

    @Test
    void theSameTagMatches() {
        assertThat(EntityTags.matches(TAG, TAG)).isTrue();
    }

    @Test
    void aDifferentTagDoesNotMatch() {
        assertThat(EntityTags.matches("\"0123456789abcdef0123456789abcdee\"", TAG)).isFalse();
    }

    @Test
    void aPrefixOrAnExtensionOfTheTagDoesNotMatch() {
        assertThat(EntityTags.matches("\"0123456789abcdef\"", TAG)).isFalse();
        assertThat(EntityTags.matches("\"0123456789abcdef0123456789abcdef-w10\"", TAG)).isFalse();
    }

    @Test
    void anUnquotedTagDoesNotMatch() {
        assertThat(EntityTags.matches("0123456789abcdef0123456789abcdef", TAG)).isFalse();
    }

    @Test
    void anyTagInAListMatches() {
        assertThat(EntityTags.matches("\"a\", " + TAG + " ,\"b\"", TAG)).isTrue();
        assertThat(EntityTags.matches("\"a\",\"b\"", TAG)).isFalse();
    }

    @Test
    void aStarMatchesAnyTag() {
        assertThat(EntityTags.matches("*", TAG)).isTrue();
    }

    @Test
    void comparisonIsWeak() {
        assertThat(EntityTags.matches("W/" + TAG, TAG)).isTrue();
        assertThat(EntityTags.matches(TAG, "W/" + TAG)).isTrue();
        assertThat(EntityTags.matches("\"x\", W/" + TAG, TAG)).isTrue();
    }
}
