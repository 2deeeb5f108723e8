package dev.sis.http.v1;

import static dev.sis.http.v1.Answers.error;
import static dev.sis.http.v1.Answers.header;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.config.ImageLimits;
import dev.sis.config.SisConfig;
import dev.sis.testing.Prerequisite;
import dev.sis.testing.Requires;
import dev.sis.testing.TestImages;
import dev.sis.testing.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code format=auto}: the format chosen by {@code Accept}, said by {@code Vary}, tagged and cached per format. */
class V1AutoFormatTest {
    @TempDir
    Path dataDir;
    private TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private String start(SisConfig.EngineChoice engine) {
        server = Answers.start(dataDir, engine);
        return Answers.put(server, "a.jpg", TestImages.jpeg(120, 80)).get("md5").textValue();
    }

    private HttpResponse<byte[]> auto(String md5, String... accept) {
        String path = "/v1/images/" + md5 + "?w=60&format=auto";
        return accept.length == 0 ? server.client().get(path) : server.client().get(path, "Accept", accept[0]);
    }

    @Test
    @Requires(Prerequisite.LIBVIPS)
    void theVipsEngineNegotiatesAvifThenWebpThenTheSourceFormat() {
        String md5 = start(SisConfig.EngineChoice.VIPS);
        Map<String, String> expected = Map.of(
                "image/avif,image/webp,*/*", "image/avif",
                "image/webp,*/*;q=0.8", "image/webp",
                "*/*", "image/jpeg",
                "image/*", "image/jpeg",
                "image/avif;q=0,image/webp", "image/webp",
                "image/avif;q=0, image/webp;q=0", "image/jpeg");
        List<String> tags = new ArrayList<>();
        expected.forEach((accept, type) -> {
            HttpResponse<byte[]> answer = auto(md5, accept);
            assertThat(answer.statusCode()).as(accept).isEqualTo(200);
            assertThat(header(answer, "Content-Type")).as(accept).isEqualTo(type);
            assertThat(answer.headers().allValues("Vary")).as(accept).contains("Accept");
            tags.add(type + " " + header(answer, "ETag"));
        });
        HttpResponse<byte[]> none = auto(md5);
        assertThat(header(none, "Content-Type")).isEqualTo("image/jpeg");
        // one ETag per concrete format, equal for equal formats
        Set<String> distinct = new HashSet<>(tags);
        assertThat(distinct).hasSize(3);
        assertThat(distinct.stream().map(t -> t.split(" ")[1]).distinct()).hasSize(3);
    }

    @Test
    void theJavaEngineNeverChoosesAvif() {
        String md5 = start(SisConfig.EngineChoice.JAVA);

        HttpResponse<byte[]> answer = auto(md5, "image/avif,image/webp");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(header(answer, "Content-Type")).isEqualTo("image/webp");
        assertThat(answer.headers().allValues("Vary")).contains("Accept");
    }

    @Test
    void aNegotiatedVariantIsTheExplicitFormatsVariant() {
        String md5 = start(SisConfig.EngineChoice.JAVA);

        byte[] negotiated = auto(md5, "image/webp").body();
        HttpResponse<byte[]> explicit = server.client().get("/v1/images/" + md5 + "?w=60&format=webp");

        assertThat(negotiated).isEqualTo(explicit.body());
        assertThat(explicit.headers().allValues("Vary")).doesNotContain("Accept");
    }

    @Test
    void aCachedReadIsTheRoutesAnswerForEachFormat() {
        String md5 = start(SisConfig.EngineChoice.JAVA);
        for (String accept : List.of("image/webp", "image/png", "*/*")) {
            auto(md5, accept); // made and cached
            String path = "/v1/images/" + md5 + "?w=60&format=auto";

            HttpResponse<byte[]> early = server.client().get(path, "Accept", accept);
            HttpResponse<byte[]> routed = server.client().get(path, "Accept", accept, "If-Range", "\"not this one\"");

            assertThat(early.statusCode()).as(accept).isEqualTo(200);
            assertThat(headers(early)).as(accept).isEqualTo(headers(routed));
            assertThat(early.body()).as(accept).isEqualTo(routed.body());
        }
    }

    @Test
    void withNoAutoFormatsTheSourceFormatIsChosen() {
        ImageLimits d = ImageLimits.defaults();
        ImageLimits none = new ImageLimits(d.maxSourcePixels(), d.maxOutputPixels(), d.maxDimension(), d.maxDecodes(),
                d.maxQueuedDecodes(), d.maxAnimationPixels(), d.maxAnimationFrames(), d.decodeMemoryBytes(),
                d.decodeTimeout(), d.maxJpegScans(), List.of(), d.avifEffort());
        server = Answers.start(dataDir, SisConfig.EngineChoice.JAVA, none);
        String md5 = Answers.put(server, "a.jpg", TestImages.jpeg(120, 80)).get("md5").textValue();

        HttpResponse<byte[]> answer = auto(md5, "image/avif,image/webp");

        assertThat(header(answer, "Content-Type")).isEqualTo("image/jpeg");
        assertThat(answer.headers().allValues("Vary")).contains("Accept");
    }

    @Test
    void anUnknownFormatNamesAutoAmongTheChoices() {
        String md5 = start(SisConfig.EngineChoice.JAVA);

        String message = error(server.client().get("/v1/images/" + md5 + "?format=automatic"), 400);

        assertThat(message).contains("auto");
    }

    private static Map<String, List<String>> headers(HttpResponse<byte[]> answer) {
        Map<String, List<String>> headers = new TreeMap<>(answer.headers().map());
        headers.remove("date");
        headers.remove("x-request-id");
        return headers;
    }
}
