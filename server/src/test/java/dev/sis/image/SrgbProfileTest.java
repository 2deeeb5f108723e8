package dev.sis.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.testing.Corpus;
import dev.sis.testing.Prerequisite;
import dev.sis.testing.Requires;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link SrgbProfile} knows sRGB by its colourants and tone curves, whatever the profile calls itself. */
class SrgbProfileTest {
    @Test
    void javasSrgbProfileAndARenamedCopyAreSrgb() {
        assertThat(SrgbProfile.matches(IccProfiles.javaSrgb())).isTrue();
        assertThat(SrgbProfile.matches(IccProfiles.renamedSrgb())).isTrue();
    }

    @Test
    void linearLightWithSrgbPrimariesIsNot() {
        assertThat(SrgbProfile.matches(ICC_Profile.getInstance(ColorSpace.CS_LINEAR_RGB).getData())).isFalse();
    }

    @Test
    void widerPrimariesUnderTheSrgbNameAreNot() {
        assertThat(SrgbProfile.matches(IccProfiles.adobeRgbPrimaries())).isFalse();
    }

    @Test
    void greyAndBrokenProfilesAreNot() {
        byte[] srgb = IccProfiles.javaSrgb();
        assertThat(SrgbProfile.matches(ICC_Profile.getInstance(ColorSpace.CS_GRAY).getData())).isFalse();
        assertThat(SrgbProfile.matches(null)).isFalse();
        assertThat(SrgbProfile.matches(Arrays.copyOf(srgb, 200))).as("cut in its tag table's data").isFalse();
        byte[] lying = srgb.clone();
        lying[128] = 0x7F; // a tag count far past the end
        assertThat(SrgbProfile.matches(lying)).isFalse();
    }

    /** The profiles Ghostscript ships: its sRGB (and its default RGB, which is sRGB) are; Adobe RGB and the rest are not. */
    @ParameterizedTest
    @ValueSource(strings = {"srgb.icc", "a98.icc", "esrgb.icc", "rommrgb.icc", "scrgb.icc"})
    @Requires(Prerequisite.ICC_PROFILES)
    void realProfilesAreToldApart(String file) throws IOException {
        byte[] icc = Files.readAllBytes(Corpus.iccProfiles().resolve(file));

        assertThat(SrgbProfile.matches(icc)).isEqualTo(file.equals("srgb.icc"));
    }
}
