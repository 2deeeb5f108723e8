package dev.sis.image;

import dev.sis.client.Fit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sis.config.ImageLimits;
import dev.sis.config.SisConfig.EngineChoice;
import dev.sis.testing.TestImages;
import java.io.ByteArrayInputStream;
import org.junit.jupiter.api.Test;

/** {@code --image-engine}: without libvips, auto falls back to the pure-Java engine and vips refuses to start. */
class ImageEnginesTest {
    private static final String MISSING = "libvips-that-is-not-installed.so.42";

    @Test
    void javaIsAlwaysThePureJavaEngine() {
        assertThat(ImageEngines.create(EngineChoice.JAVA, ImageLimits.defaults())).isInstanceOf(JavaImageEngine.class);
    }

    @Test
    void autoWithoutLibvipsIsThePureJavaEngineAndMakesVariants() {
        ImageEngine engine = ImageEngines.create(EngineChoice.AUTO, ImageLimits.defaults(), MISSING);

        assertThat(engine).isInstanceOf(JavaImageEngine.class);
        assertThat(engine.describe()).startsWith("java");
        byte[] png = TestImages.png(40, 30);
        assertThat(engine.makeVariant(new ByteArrayInputStream(png), new VariantSpec(20, 0, Fit.CONTAIN, null, 85))
                .bytes()).isNotEmpty();
    }

    @Test
    void vipsWithoutLibvipsIsAClearFailure() {
        assertThatThrownBy(() -> ImageEngines.create(EngineChoice.VIPS, ImageLimits.defaults(), MISSING))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("libvips cannot be loaded")
                .hasMessageContaining("install libvips42, or use --image-engine java");
    }
}
