package dev.sis.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The paths one API speaks, and how it answers an upload. Stateless. */
sealed interface Routes permits V1Routes, LegacyRoutes {
    static Routes of(ApiMode mode) {
        return switch (mode) {
            case V1 -> new V1Routes();
            case LEGACY -> new LegacyRoutes();
        };
    }

    /** Where files are POSTed as multipart/form-data. */
    String upload();

    /** The stored images an upload answer lists, in part order. */
    List<UploadedImage> uploaded(JsonNode answer);

    /**
     * The path and query of an original ({@code variant} null) or a variant, unsigned.
     *
     * @throws UnsupportedOperationException when this API cannot express the variant
     */
    String download(ImageId id, Variant variant);

    /** @throws UnsupportedOperationException when this API has no info route */
    String info(String md5);

    /** @throws UnsupportedOperationException when this API has no delete route */
    String delete(ImageId id);

    static String query(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> UrlSignature.encode(e.getKey()) + "=" + UrlSignature.encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }
}
