package dev.sis.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.sis.config.ImageLimits;
import dev.sis.errors.InvalidInputException;
import dev.sis.image.ImageFormat;
import dev.sis.image.VariantSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Fuzzes the /v1 variant parameters ({@code w h fit format q gravity fp}): any values give a valid
 * {@link VariantSpec} within the limits, no variant at all, or a 400 naming the parameter
 * ({@link InvalidInputException}); never another exception. Seeds: {@code VariantParamsFuzzTestInputs/}.
 */
class VariantParamsFuzzTest {
    private static final String[] NAMES = {"w", "h", "fit", "format", "q", "gravity", "fp"};

    @FuzzTest
    void anyQueryGivesAValidSpecNothingOrA400(FuzzedDataProvider data) {
        int maxDimension = data.consumeInt(1, 20_000);
        ImageLimits limits = new ImageLimits(50_000_000, 25_000_000, maxDimension, 1, 0);
        Map<String, String> query = new HashMap<>();
        for (String name : NAMES) {
            if (data.consumeBoolean()) {
                query.put(name, data.consumeString(16));
            }
        }
        Optional<VariantSpec> spec;
        try {
            spec = new VariantParams(limits, List.of(ImageFormat.AVIF, ImageFormat.WEBP))
                    .parse(query::get, data.consumeBoolean() ? data.consumeString(40) : null);
        } catch (InvalidInputException refused) {
            assertThat(refused.publicMessage()).containsAnyOf(NAMES);
            return;
        }
        if (spec.isEmpty()) {
            assertThat(query).doesNotContainKeys("w", "h", "format", "q");
            return;
        }
        VariantSpec v = spec.get();
        assertThat(v.width()).isBetween(0, maxDimension);
        assertThat(v.height()).isBetween(0, maxDimension);
        assertThat(v.quality()).isBetween(1, 100);
        // focal and auto are named once resolved with the image's focal point, here none
        assertThat(v.withGravity(v.gravity().resolve(null)).id()).matches("[a-z0-9-]+");
    }
}
