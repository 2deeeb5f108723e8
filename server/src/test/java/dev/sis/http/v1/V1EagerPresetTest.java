package dev.sis.http.v1;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.config.Preset;
import dev.sis.config.SisConfig;
import dev.sis.config.VariantFeatures;
import dev.sis.testing.Eventually;
import dev.sis.testing.Multipart;
import dev.sis.testing.TestClient;
import dev.sis.testing.TestImages;
import dev.sis.testing.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Eager presets are made in the background after any upload (/v1, legacy /up, the store route
 * an agent hands its uploads to): the first view of one is served
 * from the cache or the store, not made then (the server's own {@code sis.variants.made} count
 * says so); a preset that is not eager is made on first view.
 */
class V1EagerPresetTest {
    private static final Pattern MADE = Pattern.compile("(?m)^sis_variants_made_seconds_count(?:\\{[^}]*})? (\\d+)");

    @TempDir
    Path dataDir;

    private TestServer start() {
        return TestServer.start(dataDir, c -> new SisConfig(c.server(), c.store(), c.cache(), c.upload(), c.image(),
                c.security(), c.logFormat(), c.imageEngine(), new VariantFeatures(List.of(
                        new Preset("thumb", Map.of("w", "40", "h", "30", "fit", "cover"), true),
                        new Preset("lazy", Map.of("w", "20"), false)), false)));
    }

    /**
     * Variants made by the node the client asks (its {@code /metrics}) and, when that node is an
     * agent, by the server behind it, which makes the eager ones (it keeps the files).
     */
    private static long made(TestServer server) {
        Matcher m = MADE.matcher(TestClient.text(server.client().get("/metrics")));
        long here = m.find() ? (long) Double.parseDouble(m.group(1)) : 0;
        return server.storageApp() == server.app() ? here : here + server.storageApp().service().variantsMade();
    }

    /** The Authorization header the store routes want, when the server has an internal token. */
    private static String[] internalToken(TestServer server) {
        String token = server.config().security().internalToken();
        return token == null ? new String[0] : new String[] {"Authorization", "Bearer " + token};
    }

    /** Waits for {@code count} variants made and stored: an agent reads them from its server's store. */
    private static void awaitMade(TestServer server, long count) throws Exception {
        Eventually.await(Duration.ofSeconds(20), "the eager preset made", () -> made(server) == count);
        assertThat(server.storageApp().service().variants().awaitWrites(Duration.ofSeconds(10))).isTrue();
    }

    @Test
    void theFirstViewOfAnEagerPresetAfterAnUploadIsNotMadeThen() throws Exception {
        try (TestServer server = start()) {
            byte[] jpeg = TestImages.jpeg(100, 80);
            String md5 = TestImages.md5Hex(jpeg);

            assertThat(server.client().post("/v1/images", new Multipart().file("file", "a.jpg", jpeg)).statusCode())
                    .isEqualTo(201);
            awaitMade(server, 1);
            HttpResponse<byte[]> thumb = server.client().get("/v1/images/" + md5 + "?preset=thumb");

            assertThat(thumb.statusCode()).isEqualTo(200);
            assertThat(TestImages.decode(thumb.body()).getWidth()).isEqualTo(40);
            assertThat(made(server)).as("made before the view, not by it").isEqualTo(1);
            server.client().get("/v1/images/" + md5 + "?preset=lazy");
            assertThat(made(server)).as("a preset that is not eager is made on first view").isEqualTo(2);
        }
    }

    @Test
    void aRawUploadQueuesTheEagerPresetsToo() throws Exception {
        try (TestServer server = start()) {
            byte[] png = TestImages.png(60, 50);

            assertThat(server.client().put("/v1/images/b.png", png).statusCode()).isEqualTo(201);

            awaitMade(server, 1);
        }
    }

    @Test
    void aLegacyUploadQueuesTheEagerPresetsSoTheFirstViewIsNotMadeThen() throws Exception {
        try (TestServer server = start()) {
            byte[] jpeg = TestImages.jpeg(90, 70);
            String md5 = TestImages.md5Hex(jpeg);

            assertThat(server.client().post("/up", new Multipart().file("f", "c.jpg", jpeg)).statusCode())
                    .isEqualTo(200);
            awaitMade(server, 1);
            HttpResponse<byte[]> thumb = server.client().get("/v1/images/" + md5 + "?preset=thumb");

            assertThat(thumb.statusCode()).isEqualTo(200);
            assertThat(made(server)).as("made before the view, not by it").isEqualTo(1);
        }
    }

    @Test
    void anUploadThroughTheStoreRouteAnAgentUsesQueuesTheEagerPresets() throws Exception {
        try (TestServer server = start()) {
            byte[] png = TestImages.png(70, 60);
            String md5 = TestImages.md5Hex(png);

            assertThat(server.client().put("/internal/v1/originals/" + md5 + "/d.png", png, internalToken(server)).statusCode())
                    .isEqualTo(201);

            awaitMade(server, 1);
        }
    }
}
