package dev.sis.config;

import dev.sis.image.Watermark;
import java.util.List;
import java.util.Optional;

/**
 * What /v1 variants may add to a plain resize: named presets and a watermark.
 *
 * @param presets      the configured presets, names unique
 * @param presetsOnly  variants are made only from presets ({@code --presets-only}); originals stay open
 * @param watermark    what {@code wm=} puts on variants ({@code --watermark}), or null for none
 * @param watermarkAll every /v1 variant is watermarked ({@code --watermark-all}); {@code wm=} may adjust it
 */
public record VariantFeatures(List<Preset> presets, boolean presetsOnly, Watermark watermark, boolean watermarkAll) {
    public VariantFeatures {
        presets = List.copyOf(presets);
        if (presetsOnly && presets.isEmpty()) {
            throw new IllegalArgumentException("presets-only needs at least one preset");
        }
        if (watermarkAll && watermark == null) {
            throw new IllegalArgumentException("watermark-all needs a watermark");
        }
    }

    /** Presets without a watermark. */
    public VariantFeatures(List<Preset> presets, boolean presetsOnly) {
        this(presets, presetsOnly, null, false);
    }

    /** No presets, no watermark: what embedding code and the tests get unless they ask. */
    public static VariantFeatures none() {
        return new VariantFeatures(List.of(), false);
    }

    public Optional<Preset> preset(String name) {
        return presets.stream().filter(p -> p.name().equals(name)).findFirst();
    }
}
