package dev.sis.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.client.Fit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The transform's part of the variant id: absent when unused, canonical, and parsed back. */
class TransformIdTest {

    @Test
    void aVariantWithoutOperationsKeepsItsOldId() {
        assertThat(new VariantSpec(300, 200, Fit.COVER, ImageFormat.JPEG, 85).id()).isEqualTo("w300-h200-cover-jpeg-q85");
    }

    @Test
    void everyOperationAddsItsSuffixInAFixedOrder() {
        Transform all = new Transform(new Transform.Crop(1, 2, 30, 40), 90, Transform.Flip.HV, 0x80FF0000, 15, 7);

        assertThat(new VariantSpec(300, 200, Fit.PAD, ImageFormat.PNG, 85).withTransform(all).id())
                .isEqualTo("w300-h200-pad-png-q85-c1.2.30.40-r90-fhv-bg80ff0000-blur15-sharpen7");
    }

    @ParameterizedTest
    @ValueSource(strings = {"w300-h200-pad-png-q85-c1.2.30.40-r90-fhv-bg80ff0000-blur15-sharpen7",
        "w0-h0-contain-auto-q85-r270", "w10-h0-contain-webp-q85-fv", "w10-h10-pad-jpeg-q85-bgffffffff",
        "w10-h0-contain-jpeg-q85-sharpen100", "w10-h0-contain-jpeg-q85-c0.0.1.1"})
    void everyIdParsesBackToItself(String id) {
        assertThat(VariantSpec.parseId(id)).hasValueSatisfying(spec -> assertThat(spec.id()).isEqualTo(id));
    }

    @ParameterizedTest
    @ValueSource(strings = {"w10-h0-contain-jpeg-q85-r45", "w10-h0-contain-jpeg-q85-r0", "w10-h0-contain-jpeg-q85-fx",
        "w10-h0-contain-jpeg-q85-fhv-r90", "w10-h0-contain-jpeg-q85-blur2", "w10-h0-contain-jpeg-q85-sharpen101",
        "w10-h0-contain-jpeg-q85-c0.0.0.1", "w10-h0-contain-jpeg-q85-bgFFFFFFFF", "w10-h0-contain-jpeg-q85-",
        "w10-h0-contain-jpeg-q85-c01.0.1.1", "w10-h0-contain-jpeg-q85-r90/../x"})
    void anythingElseIsNotAnId(String id) {
        assertThat(VariantSpec.parseId(id)).isEmpty();
    }
}
