package dev.sis.http.v1;

import static dev.sis.http.v1.Answers.error;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.config.ImageLimits;
import dev.sis.config.SecurityConfig;
import dev.sis.config.SisConfig;
import dev.sis.security.UrlSigner;
import dev.sis.testing.TestImages;
import dev.sis.testing.TestServer;
import java.awt.image.BufferedImage;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** /v1's geometry and effects over HTTP: sizes, bad values, limits, the cached path, sizes and signing. */
class V1TransformTest {
    @TempDir
    Path dataDir;
    private TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private String upload(TestServer started) {
        server = started;
        return Answers.put(server, "a.png", TestImages.png(200, 100)).get("md5").textValue();
    }

    private HttpResponse<byte[]> get(String md5, String query) {
        return server.client().get("/v1/images/" + md5 + "?" + query);
    }

    private String size(String md5, String query) {
        HttpResponse<byte[]> response = get(md5, query);
        assertThat(response.statusCode()).as("%s: %s", query, new String(response.body(), StandardCharsets.UTF_8))
                .isEqualTo(200);
        BufferedImage image = TestImages.decode(response.body());
        return image.getWidth() + "x" + image.getHeight();
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
        "crop=10,20,50,40 | 50x40",
        "crop=10,20,50,40&w=25 | 25x20",
        "rotate=90 | 100x200",
        "rotate=270&w=50 | 50x100",
        "flip=hv | 200x100",
        "w=100&h=100&fit=pad | 100x100",
        "w=100&h=100&fit=pad&bg=ff000080 | 100x100",
        "w=50&dpr=2 | 100x50",
        "w=50&h=50&fit=cover&dpr=1.5 | 75x75",
        "blur=2.5 | 200x100",
        "sharpen=0.3&w=100 | 100x50",
    })
    void everyOperationGivesItsSize(String query, String size) {
        String md5 = upload(TestServer.start(dataDir));
        assertThat(size(md5, query)).isEqualTo(size);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "crop=-1,0,10,10 | crop",
        "crop=0,0,0,10 | crop",
        "crop=0,0,10 | crop",
        "crop=a,b,c,d | crop",
        "crop=190,0,20,10 | crop must lie within the image, which is 200×100",
        "crop=0,0,201,100 | crop must lie within",
        "rotate=45 | rotate",
        "rotate=-90 | rotate",
        "rotate=0 | rotate",
        "flip=x | flip",
        "flip= | flip",
        "w=10&h=10&fit=pad&bg=red | bg",
        "w=10&h=10&fit=pad&bg=fffff | bg",
        "w=10&bg=ffffff | bg is the padding colour",
        "w=10&dpr=0 | dpr",
        "w=10&dpr=5 | dpr",
        "w=10&dpr=-1 | dpr",
        "w=10&dpr=4.01 | dpr",
        "dpr=2 | dpr multiplies w and h",
        "blur=0 | blur",
        "blur=0.2 | blur",
        "blur=100.1 | blur",
        "blur=-1 | blur",
        "blur=1.25 | blur",
        "sharpen=10.5 | sharpen",
        "sharpen=0 | sharpen",
        "sharpen=x | sharpen",
    })
    void aBadValueIs400NamingTheParameter(String query, String message) {
        String md5 = upload(TestServer.start(dataDir));
        assertThat(error(get(md5, query), 400)).contains(message);
    }

    @Test
    void dprAndPadAreBoundByTheLimits() {
        ImageLimits limits = new ImageLimits(ImageLimits.defaults().maxSourcePixels(), 35_000, 300, 2, 8);
        String md5 = upload(Answers.start(dataDir, limits));

        assertThat(error(get(md5, "w=100&dpr=4"), 400)).contains("w × dpr is 400", "300");
        assertThat(error(get(md5, "w=200&h=200&fit=pad"), 422)).contains("40000 pixels");
        assertThat(size(md5, "w=100&dpr=2")).isEqualTo("200x100");
    }

    @Test
    void theCachedPathAnswersAsTheRoutes() {
        String md5 = upload(TestServer.start(dataDir));
        String path = "/v1/images/" + md5 + "?crop=10,10,100,60&rotate=90&flip=h&w=30&h=40&fit=pad&bg=00ff00&blur=1";
        HttpResponse<byte[]> made = server.client().get(path);

        HttpResponse<byte[]> early = server.client().get(path);
        HttpResponse<byte[]> routed = server.client().get(path, "If-Range", "\"not this one\"");

        assertThat(made.statusCode()).isEqualTo(200);
        assertThat(early.body()).isEqualTo(made.body()).isEqualTo(routed.body());
        assertThat(early.headers().firstValue("ETag")).isEqualTo(routed.headers().firstValue("ETag"));
    }

    @Test
    void sizesAllowRotateFlipPadAndDprWithinThemAndRefuseFreeValuedOperations() {
        String md5 = upload(TestServer.start(dataDir, c -> new SisConfig(c.server(), c.store(), c.cache(), c.upload(),
                c.image(), new SecurityConfig(null, null, null, null, Set.of("50x50", "100x100")))));

        assertThat(size(md5, "w=50&h=50&fit=pad&rotate=90&flip=v")).isEqualTo("50x50");
        assertThat(size(md5, "w=50&h=50&fit=cover&dpr=2")).isEqualTo("100x100");
        assertThat(error(get(md5, "w=100&h=100&dpr=2"), 403)).contains("100x100, 50x50");
        for (String free : new String[] {"crop=0,0,10,10", "w=50&h=50&blur=1", "w=50&h=50&sharpen=1",
            "w=50&h=50&fit=pad&bg=000000"}) {
            assertThat(error(get(md5, free), 403)).as(free).contains("without crop, bg, blur or sharpen");
        }
    }

    @Test
    void signingCoversTheNewParameters() {
        String key = "signing-key-0123456789";
        String md5 = upload(TestServer.start(dataDir, c -> new SisConfig(c.server(), c.store(), c.cache(), c.upload(),
                c.image(), new SecurityConfig(null, null, null, key, Set.of()))));
        String signed = new UrlSigner(key).signUrl("/v1/images/" + md5 + "?crop=0,0,50,50&rotate=90&blur=1&w=40");

        assertThat(server.client().get(signed).statusCode()).isEqualTo(200);
        for (String tampered : new String[] {signed.replace("rotate=90", "rotate=180"),
            signed.replace("crop=0%2C0%2C50%2C50", "crop=0%2C0%2C50%2C51"), signed.replace("blur=1", "blur=2"),
            signed + "&flip=h", signed + "&dpr=2"}) {
            assertThat(server.client().get(tampered).statusCode()).as(tampered).isEqualTo(403);
        }
    }
}
