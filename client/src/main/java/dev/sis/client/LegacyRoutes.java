package dev.sis.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * sis 2.0's routes (legacy-api.md): {@code /up}, {@code /simple_down}, {@code /full_down},
 * {@code /stretch_simple_down} and {@code /stretch_full_down}.
 */
record LegacyRoutes() implements Routes {
    /** sis 2.0's range for w and h. */
    static final int MIN_SIDE = 5;

    @Override
    public String upload() {
        return "/up";
    }

    @Override
    public List<UploadedImage> uploaded(JsonNode answer) {
        List<UploadedImage> images = new ArrayList<>();
        for (JsonNode image : answer) {
            images.add(new UploadedImage(image.path("Name").asText(), image.path("MD5").asText(), null, null, null, null));
        }
        return images;
    }

    @Override
    public String download(ImageId id, Variant variant) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("md5", id.md5());
        if (id.name() != null) {
            params.put("file_name", id.name());
        }
        String route = id.name() == null ? "simple_down" : "full_down";
        if (variant != null) {
            checkStretch(variant);
            route = "stretch_" + route;
            params.put("w", Integer.toString(variant.width()));
            params.put("h", Integer.toString(variant.height()));
        }
        return "/" + route + "?" + Routes.query(params);
    }

    @Override
    public String info(String md5) {
        throw new UnsupportedOperationException("sis 2.0 has no info route: use the /v1 API (ApiMode.V1, without --legacy)");
    }

    @Override
    public String delete(ImageId id) {
        throw new UnsupportedOperationException("sis 2.0 cannot delete: use the /v1 API (ApiMode.V1, without --legacy)");
    }

    private static void checkStretch(Variant v) {
        if (v.preset() != null || v.watermark() != null) {
            throw new UnsupportedOperationException("sis 2.0 has no presets and no watermark: use the /v1 API (ApiMode.V1, without --legacy)");
        }
        if (v.fit() != Fit.STRETCH || v.format() != null || v.quality() != 0 || v.width() < MIN_SIDE || v.height() < MIN_SIDE) {
            throw new UnsupportedOperationException("sis 2.0 makes only exact stretches: a variant with w and h from "
                    + MIN_SIDE + " and fit stretch, in the source's format (no format or q), got " + v);
        }
    }
}
