package dev.sis.http.v1;

import static dev.sis.http.v1.Answers.header;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.testing.Multipart;
import dev.sis.testing.TestImages;
import dev.sis.testing.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** ETags, conditional requests, caching headers, Content-Type and ranges. */
class V1HttpBehaviourTest {
    private static final String CACHE_FOREVER = "public, max-age=31536000, immutable";

    @TempDir
    Path dataDir;
    private TestServer server;
    private byte[] png;
    private String md5;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private void startWithImage(boolean cached) {
        server = Answers.start(dataDir, cached);
        png = TestImages.png(120, 90);
        md5 = Answers.put(server, "p.png", png).get("md5").textValue();
    }

    private HttpResponse<byte[]> get(String path, String... headers) {
        return server.client().get(path, headers);
    }

    @ParameterizedTest(name = "cached={0}")
    @ValueSource(booleans = {true, false})
    void anOriginalsEtagIsItsQuotedMd5(boolean cached) {
        startWithImage(cached);
        assertThat(header(get("/v1/images/" + md5), "ETag")).isEqualTo("\"" + md5 + "\"");
        assertThat(header(get("/v1/images/" + md5 + "/p.png"), "ETag")).isEqualTo("\"" + md5 + "\"");
    }

    @Test
    void aVariantHasItsOwnStableEtag() {
        startWithImage(true);
        String w10 = header(get("/v1/images/" + md5 + "?w=10"), "ETag");
        String w11 = header(get("/v1/images/" + md5 + "?w=11"), "ETag");

        assertThat(w10).startsWith("\"").endsWith("\"").isNotEqualTo("\"" + md5 + "\"");
        assertThat(w11).isNotEqualTo(w10);
        assertThat(header(get("/v1/images/" + md5 + "?w=10"), "ETag")).isEqualTo(w10);
        assertThat(header(get("/v1/images/" + md5 + "/p.png?w=10"), "ETag")).isEqualTo(w10);
    }

    @Test
    void equalParametersWrittenDifferentlyShareAVariant() {
        startWithImage(true);
        HttpResponse<byte[]> a = get("/v1/images/" + md5 + "?w=10");
        HttpResponse<byte[]> b = get("/v1/images/" + md5 + "?fit=contain&q=85&w=10");

        assertThat(header(b, "ETag")).isEqualTo(header(a, "ETag"));
        assertThat(b.body()).isEqualTo(a.body());
        assertThat(server.app().service().variantsMade()).isEqualTo(1);
    }

    @ParameterizedTest(name = "cached={0}")
    @ValueSource(booleans = {true, false})
    void ifNoneMatchWithTheEtagIs304WithoutABody(boolean cached) {
        startWithImage(cached);
        for (String path : new String[] {"/v1/images/" + md5, "/v1/images/" + md5 + "/p.png", "/v1/images/" + md5 + "?w=10"}) {
            String etag = header(get(path), "ETag");

            HttpResponse<byte[]> notModified = get(path, "If-None-Match", etag);

            assertThat(notModified.statusCode()).as(path).isEqualTo(304);
            assertThat(notModified.body()).as(path).isEmpty();
            assertThat(header(notModified, "ETag")).as(path).isEqualTo(etag);
            assertThat(header(notModified, "Cache-Control")).as(path).isEqualTo(CACHE_FOREVER);
            assertThat(get(path, "If-None-Match", "W/" + etag).statusCode()).as(path).isEqualTo(304);
            assertThat(get(path, "If-None-Match", "\"other\", " + etag).statusCode()).as(path).isEqualTo(304);
            assertThat(get(path, "If-None-Match", "*").statusCode()).as(path).isEqualTo(304);
        }
    }

    @Test
    void ifNoneMatchWithAnotherEtagGivesTheImage() {
        startWithImage(true);
        String variantEtag = header(get("/v1/images/" + md5 + "?w=10"), "ETag");

        HttpResponse<byte[]> original = get("/v1/images/" + md5, "If-None-Match", variantEtag);
        HttpResponse<byte[]> variant = get("/v1/images/" + md5 + "?w=10", "If-None-Match", "\"" + md5 + "\"");

        assertThat(original.statusCode()).isEqualTo(200);
        assertThat(original.body()).isEqualTo(png);
        assertThat(variant.statusCode()).isEqualTo(200);
        assertThat(TestImages.decode(variant.body()).getWidth()).isEqualTo(10);
    }

    @Test
    void imagesAreCacheableForever() {
        startWithImage(true);
        for (String path : new String[] {"/v1/images/" + md5, "/v1/images/" + md5 + "/p.png", "/v1/images/" + md5 + "?w=10"}) {
            assertThat(header(get(path), "Cache-Control")).as(path).isEqualTo(CACHE_FOREVER);
            assertThat(header(server.client().head(path), "Cache-Control")).as(path).isEqualTo(CACHE_FOREVER);
        }
    }

    @Test
    void everyAnswerSaysNosniff() {
        startWithImage(true);
        String etag = "\"" + md5 + "\"";
        HttpResponse<?>[] answers = {
            get("/v1/images/" + md5),
            get("/v1/images/" + md5 + "?w=10"),
            server.client().head("/v1/images/" + md5),
            get("/v1/images/" + md5, "If-None-Match", etag),
            get("/v1/images/" + md5, "Range", "bytes=0-3"),
            get("/v1/images/" + md5 + "/missing.png"),
            get("/v1/images/nope"),
            get("/v1/images/" + md5 + "?w=0"),
            get("/v1/info/" + md5),
            get("/v1/no/such/route"),
            server.client().put("/v1/images/x.png", TestImages.png(3, 3)),
            server.client().post("/v1/images", new Multipart().file("f", "y.png", TestImages.png(4, 4))),
            server.client().put("/v1/images/x.png", new byte[] {1}),
            get("/healthz"),
            get("/readyz"),
        };
        for (HttpResponse<?> answer : answers) {
            assertThat(answer.headers().firstValue("X-Content-Type-Options")).as("%s %s", answer.request().method(),
                    answer.uri()).hasValue("nosniff");
        }
    }

    @Test
    void theContentTypeComesFromTheBytesNotTheName() {
        server = TestServer.start(dataDir);
        byte[] pngNamedJpg = TestImages.png(20, 20);
        var uploaded = Answers.put(server, "x.jpg", pngNamedJpg);
        String id = uploaded.get("md5").textValue();

        assertThat(uploaded.get("contentType").textValue()).isEqualTo("image/png");
        assertThat(header(get("/v1/images/" + id + "/x.jpg"), "Content-Type")).isEqualTo("image/png");
        assertThat(header(get("/v1/images/" + id), "Content-Type")).isEqualTo("image/png");
        HttpResponse<byte[]> variant = get("/v1/images/" + id + "/x.jpg?w=10");
        assertThat(header(variant, "Content-Type")).isEqualTo("image/png");
        assertThat(Answers.formatOf(variant.body())).isEqualTo("png");
    }

    @ParameterizedTest(name = "cached={0}")
    @ValueSource(booleans = {true, false})
    void aRangeIsAnswered206WithThoseBytes(boolean cached) {
        startWithImage(cached);
        String path = "/v1/images/" + md5;
        int size = png.length;

        HttpResponse<byte[]> first = get(path, "Range", "bytes=0-9");
        assertThat(first.statusCode()).isEqualTo(206);
        assertThat(header(first, "Content-Range")).isEqualTo("bytes 0-9/" + size);
        assertThat(header(first, "Content-Length")).isEqualTo("10");
        assertThat(first.body()).isEqualTo(Arrays.copyOfRange(png, 0, 10));

        HttpResponse<byte[]> middle = get(path + "/p.png", "Range", "bytes=100-199");
        assertThat(middle.statusCode()).isEqualTo(206);
        assertThat(header(middle, "Content-Range")).isEqualTo("bytes 100-199/" + size);
        assertThat(middle.body()).isEqualTo(Arrays.copyOfRange(png, 100, 200));

        HttpResponse<byte[]> tail = get(path, "Range", "bytes=-16");
        assertThat(tail.statusCode()).isEqualTo(206);
        assertThat(header(tail, "Content-Range")).isEqualTo("bytes " + (size - 16) + "-" + (size - 1) + "/" + size);
        assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(png, size - 16, size));

        HttpResponse<byte[]> rest = get(path, "Range", "bytes=" + (size - 5) + "-");
        assertThat(rest.statusCode()).isEqualTo(206);
        assertThat(rest.body()).isEqualTo(Arrays.copyOfRange(png, size - 5, size));

        HttpResponse<byte[]> head = server.client().head(path, "Range", "bytes=0-9");
        assertThat(head.statusCode()).isEqualTo(206);
        assertThat(header(head, "Content-Length")).isEqualTo("10");
        assertThat(head.body()).isEmpty();
    }

    @ParameterizedTest(name = "cached={0}")
    @ValueSource(booleans = {true, false})
    void severalRangesAreAnsweredWithTheWholeFile(boolean cached) {
        startWithImage(cached);

        HttpResponse<byte[]> response = get("/v1/images/" + md5, "Range", "bytes=0-1,4-5");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(header(response, "Content-Range")).isNull();
        assertThat(response.body()).isEqualTo(png);
    }

    @Test
    void aMalformedRangeIsIgnored() {
        startWithImage(true);

        HttpResponse<byte[]> response = get("/v1/images/" + md5, "Range", "bytes=9-2");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(png);
    }

    @Test
    void aRangePastTheEndIs416() {
        startWithImage(true);
        int size = png.length;

        for (String range : new String[] {"bytes=" + size + "-", "bytes=" + size + "-" + (size + 10), "bytes=-0"}) {
            HttpResponse<byte[]> response = get("/v1/images/" + md5, "Range", range);
            assertThat(response.statusCode()).as(range).isEqualTo(416);
            assertThat(header(response, "Content-Range")).as(range).isEqualTo("bytes */" + size);
            assertThat(response.body()).as(range).isEmpty();
        }
    }

    @Test
    void aRangeWithAStaleIfRangeGivesTheWholeFile() {
        startWithImage(true);

        HttpResponse<byte[]> stale = get("/v1/images/" + md5, "Range", "bytes=0-9", "If-Range", "\"something-else\"");
        HttpResponse<byte[]> fresh = get("/v1/images/" + md5, "Range", "bytes=0-9", "If-Range", "\"" + md5 + "\"");

        assertThat(stale.statusCode()).isEqualTo(200);
        assertThat(stale.body()).isEqualTo(png);
        assertThat(fresh.statusCode()).isEqualTo(206);
        assertThat(fresh.body()).hasSize(10);
    }

    @Test
    void originalsAdvertiseByteRanges() {
        startWithImage(true);
        assertThat(header(get("/v1/images/" + md5), "Accept-Ranges")).isEqualTo("bytes");
    }

    @Test
    void headOfAVariantHasTheLengthOfItsBody() {
        startWithImage(true);
        HttpResponse<byte[]> get = get("/v1/images/" + md5 + "?w=33&format=jpeg");
        HttpResponse<byte[]> head = server.client().head("/v1/images/" + md5 + "?w=33&format=jpeg");

        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(header(head, "Content-Length")).isEqualTo(Integer.toString(get.body().length));
        assertThat(header(head, "Content-Type")).isEqualTo("image/jpeg");
        assertThat(header(head, "ETag")).isEqualTo(header(get, "ETag"));
    }
}
