package dev.sis.config;

import java.util.List;
import java.util.Optional;

/**
 * What /v1 variants may add to a plain resize: named presets and a watermark.
 *
 * @param presets     the configured presets, names unique
 * @param presetsOnly variants are made only from presets ({@code --presets-only}); originals stay open
 */
public record VariantFeatures(List<Preset> presets, boolean presetsOnly) {
    public VariantFeatures {
        presets = List.copyOf(presets);
        if (presetsOnly && presets.isEmpty()) {
            throw new IllegalArgumentException("presets-only needs at least one preset");
        }
    }

    /** No presets, no watermark: what embedding code and the tests get unless they ask. */
    public static VariantFeatures none() {
        return new VariantFeatures(List.of(), false);
    }

    public Optional<Preset> preset(String name) {
        return presets.stream().filter(p -> p.name().equals(name)).findFirst();
    }
}
