package dev.sis.http;

import dev.sis.config.Preset;
import dev.sis.image.ImageFormat;
import dev.sis.image.VariantSpec;
import dev.sis.model.Md5;
import dev.sis.service.ImageService;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the variants of the {@code eager} presets right after an upload, so that the first view
 * of each is a cache hit. It runs on the service's post-upload queue after the image's analysis
 * ({@link ImageService#afterUpload}), so a cover preset's {@code gravity=auto} names the focal
 * point a view will ask for; when that queue is full the variants are made on first view
 * instead. A preset with {@code format:auto} is made in every format {@code auto} may choose,
 * as the browsers asking for it will differ. Thread-safe.
 */
final class EagerPresets {
    private static final Logger LOG = LoggerFactory.getLogger(EagerPresets.class);
    private final ImageService service;
    private final List<VariantSpec> specs;

    /**
     * @param autoOffers what {@code format=auto} may choose: each is an {@code Accept} the variants
     *                   are made for
     */
    EagerPresets(ImageService service, List<Preset> presets, VariantParams params, List<ImageFormat> autoOffers) {
        this.service = service;
        this.specs = specs(presets, params, autoOffers);
    }

    /** Every variant the eager presets name: one per format {@code auto} may answer with. */
    private static List<VariantSpec> specs(List<Preset> presets, VariantParams params, List<ImageFormat> autoOffers) {
        Set<VariantSpec> specs = new LinkedHashSet<>();
        for (Preset preset : presets.stream().filter(Preset::eager).toList()) {
            java.util.function.Function<String, String> query = key -> VariantParams.PRESET.equals(key) ? preset.name() : null;
            params.request(query, null).ifPresent(specs::add);
            if (params.varies(query)) {
                for (ImageFormat offer : autoOffers) {
                    params.request(query, offer.mediaType()).ifPresent(specs::add);
                }
            }
        }
        return List.copyOf(specs);
    }

    /** Whether there is anything to make after an upload. */
    boolean any() {
        return !specs.isEmpty();
    }

    /** Makes the eager variants of {@code md5} now: on the post-upload queue, after its analysis. */
    void make(Md5 md5) {
        for (VariantSpec spec : specs) {
            try {
                // a cover preset's gravity=auto names the focal point the analysis just stored
                service.variant(md5, null, service.analyses().resolve(md5, spec));
            } catch (RuntimeException e) {
                // not an image this preset can be made of (a file, over a budget…): a view will say why
                LOG.info("eager preset variant {} of {} not made: {}", spec.id(), md5, e.getMessage());
                return;
            }
        }
    }
}
