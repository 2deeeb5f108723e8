package dev.sis.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** The /v1 JSON API (api-v1.md). */
record V1Routes() implements Routes {
    @Override
    public String upload() {
        return "/v1/images";
    }

    @Override
    public List<UploadedImage> uploaded(JsonNode answer) {
        List<UploadedImage> images = new ArrayList<>();
        for (JsonNode image : answer.path("images")) {
            images.add(new UploadedImage(image.path("name").asText(), image.path("md5").asText(),
                    image.hasNonNull("size") ? image.get("size").asLong() : null,
                    image.hasNonNull("contentType") ? image.get("contentType").asText() : null,
                    image.hasNonNull("width") ? image.get("width").asInt() : null,
                    image.hasNonNull("height") ? image.get("height").asInt() : null));
        }
        return images;
    }

    @Override
    public String download(ImageId id, Variant variant) {
        String path = images(id);
        return variant == null ? path : path + "?" + Routes.query(variant.queryParameters());
    }

    @Override
    public String info(String md5) {
        return "/v1/info/" + ImageId.of(md5).md5();
    }

    @Override
    public String delete(ImageId id) {
        return images(id);
    }

    private static String images(ImageId id) {
        return "/v1/images/" + id.md5() + (id.name() == null ? "" : "/" + UrlSignature.encode(id.name()));
    }
}
