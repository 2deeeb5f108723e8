package dev.sis.agent;

import static dev.sis.testing.TestClient.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.config.SecurityConfig;
import dev.sis.config.SisConfig;
import dev.sis.testing.Multipart;
import dev.sis.testing.TestImages;
import dev.sis.testing.TestServer;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server's store routes as an attacker reaching its port sees them, and as agents use them:
 * without the internal token they do no more than {@code /derect_up} and the public downloads
 * (no delete, no variant); with it, a variant is stored only if it is that variant of a stored
 * original. Real servers and agents on loopback.
 */
class StoreRoutesTrustTest {
    private static final String TOKEN = "store-routes-internal-token-01";
    private static final String ADMIN = "store-routes-admin-token-0123";
    private static final byte[] PAGE = "<!doctype html><script>alert(document.cookie)</script>".getBytes(StandardCharsets.UTF_8);
    private static final String STRETCH_300X200 = "w300-h200-stretch-auto-q100";

    @TempDir
    Path serverData;
    @TempDir
    Path spool;

    @Test
    void withoutTheInternalTokenNoStoreRouteDeletesOrStoresVariants() throws IOException {
        try (TestServer server = TestServer.startWith(TestServer.defaults(serverData))) {
            byte[] image = TestImages.jpeg(80, 60, 1);
            String md5 = TestImages.md5Hex(image);
            assertThat(server.client().post("/up", new Multipart().file("f", "cat.jpg", image)).statusCode()).isEqualTo(200);

            HttpResponse<byte[]> deleteAll = server.client().method("DELETE", "/internal/v1/originals/" + md5, new byte[0]);
            HttpResponse<byte[]> deleteName = server.client().method("DELETE", "/internal/v1/originals/" + md5 + "/cat.jpg", new byte[0]);
            HttpResponse<byte[]> poison = server.client().put("/internal/v1/variants/" + md5 + "/" + STRETCH_300X200 + ".jpg", PAGE);
            for (HttpResponse<byte[]> refused : List.of(deleteAll, deleteName, poison)) {
                assertThat(refused.statusCode()).isEqualTo(403);
                assertThat(text(refused)).contains("--internal-token", "SIS_INTERNAL_TOKEN");
            }
            assertThat(server.client().get("/simple_down?md5=" + md5).body()).as("not deleted").isEqualTo(image);
            assertRealStretch(server, md5);

            // What /derect_up and the downloads allow stays open, for agents without a token.
            assertThat(text(server.client().get("/internal/v1/names/" + md5))).isEqualTo("[\"cat.jpg\"]");
            assertThat(server.client().get("/internal/v1/originals/" + md5 + "/cat.jpg").body()).isEqualTo(image);
            byte[] other = TestImages.png(20, 10);
            assertThat(server.client().put("/internal/v1/originals/" + TestImages.md5Hex(other) + "/o.png", other).statusCode())
                    .isEqualTo(201);
            assertThat(server.client().put("/internal/v1/originals/" + md5 + "/lie.png", other).statusCode())
                    .as("the MD5 is recomputed").isEqualTo(400);
        }
    }

    @Test
    void withTheTokenOnlyTheVariantItsIdAndOriginalImplyIsStored() throws IOException {
        try (TestServer server = TestServer.startWith(TestServer.withInternalToken(TestServer.defaults(serverData), TOKEN))) {
            byte[] image = TestImages.jpeg(800, 600, 2);
            String md5 = TestImages.md5Hex(image);
            assertThat(server.client().post("/derect_up", new Multipart().file(md5, "big.jpg", image),
                    "Authorization", "Bearer " + TOKEN).statusCode()).isEqualTo(200);
            byte[] right = TestImages.jpeg(300, 200, 3);

            assertRefused(server, md5, STRETCH_300X200 + ".jpg", PAGE, 415, "not an image");
            assertRefused(server, md5, STRETCH_300X200 + ".jpg", TestImages.png(300, 200), 400, "300x200 png image");
            assertRefused(server, md5, STRETCH_300X200 + ".jpg", TestImages.jpeg(100, 100, 4), 400, "100x100 jpeg");
            assertRefused(server, md5, STRETCH_300X200 + ".png", right, 400, "ends in .jpg");
            assertRefused(server, md5, "w300-h200-sideways-auto-q100.jpg", right, 400, "not a variant id");
            assertRefused(server, md5, "w300-h0-contain-auto-q85.jpg", right, 400, "300x225 jpeg");
            assertRefused(server, md5, "w20000-h20000-stretch-auto-q100.jpg", right, 422, "pixels");
            String noOriginal = TestImages.md5Hex(right);
            assertRefused(server, noOriginal, STRETCH_300X200 + ".jpg", right, 404, "no image with md5");
            assertThat(variantFolders(noOriginal)).isEmpty();
            assertThat(variantFolders(md5)).as("nothing refused was stored").isEmpty();
            assertRealStretch(server, md5);

            // The stretch made just now is the only variant there; this one is stored beside it.
            HttpResponse<byte[]> accepted = server.client().put("/internal/v1/variants/" + md5 + "/w300-h0-contain-auto-q85.jpg",
                    TestImages.jpeg(300, 225, 5), "Authorization", "Bearer " + TOKEN);
            assertThat(accepted.statusCode()).isEqualTo(204);
            assertThat(variantFolders(md5)).containsExactlyInAnyOrder(STRETCH_300X200, "w300-h0-contain-auto-q85");
            assertThat(server.client().get("/v1/images/" + md5 + "?w=300").body()).isEqualTo(TestImages.jpeg(300, 225, 5));
        }
    }

    @Test
    void anAgentWithoutATokenUploadsReadsAndKeepsItsVariantsInItsOwnMemory() throws IOException {
        try (TestServer server = TestServer.startWith(TestServer.defaults(serverData));
             TestServer agent = TestServer.startAgent(spool, server.url(""), StoreRoutesTrustTest::withAdmin)) {
            byte[] image = TestImages.jpeg(120, 80, 6);
            String md5 = TestImages.md5Hex(image);

            assertThat(agent.client().put("/v1/images/a.jpg", image).statusCode()).isEqualTo(201);
            assertThat(server.client().get("/simple_down?md5=" + md5).body()).isEqualTo(image);
            assertThat(agent.client().get("/full_down?md5=" + md5 + "&file_name=a.jpg").body()).isEqualTo(image);
            for (int i = 0; i < 2; i++) {
                HttpResponse<byte[]> thumb = agent.client().get("/stretch_simple_down?md5=" + md5 + "&w=30&h=20");
                assertThat(thumb.statusCode()).isEqualTo(200);
                assertThat(TestImages.decode(thumb.body()).getWidth()).isEqualTo(30);
            }
            assertThat(agent.app().service().variantsMade()).as("made once, then served from the agent's cache").isEqualTo(1);
            assertThat(variantFolders(md5)).as("the server took no variant from an agent without the token").isEmpty();

            HttpResponse<byte[]> delete = agent.client().method("DELETE", "/v1/images/" + md5, new byte[0],
                    "Authorization", "Bearer " + ADMIN);
            assertThat(delete.statusCode()).isEqualTo(403);
            assertThat(text(delete)).contains("--internal-token");
            assertThat(server.client().get("/simple_down?md5=" + md5).statusCode()).isEqualTo(200);
        }
    }

    private static void assertRefused(TestServer server, String md5, String variant, byte[] body, int status, String why) {
        HttpResponse<byte[]> answer = server.client().put("/internal/v1/variants/" + md5 + "/" + variant, body,
                "Authorization", "Bearer " + TOKEN);
        assertThat(answer.statusCode()).as("PUT %s", variant).isEqualTo(status);
        assertThat(text(answer)).as("PUT %s", variant).contains(why);
    }

    /** The legacy 300×200 stretch is a real JPEG of that size, made by the server, not bytes someone stored. */
    private static void assertRealStretch(TestServer server, String md5) {
        HttpResponse<byte[]> stretch = server.client().get("/stretch_simple_down?md5=" + md5 + "&w=300&h=200");
        assertThat(stretch.statusCode()).isEqualTo(200);
        assertThat(stretch.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        BufferedImage decoded = TestImages.decode(stretch.body());
        assertThat(decoded.getWidth()).isEqualTo(300);
        assertThat(decoded.getHeight()).isEqualTo(200);
    }

    /**
     * The variant folders kept beside the originals of {@code md5}; not the analysis sidecar,
     * which the server makes itself after an upload it takes (V1AnalysisTest).
     */
    private List<String> variantFolders(String md5) throws IOException {
        Path image = serverData.resolve(md5.substring(0, 2)).resolve(md5.substring(2, 4)).resolve(md5);
        if (!Files.isDirectory(image)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(image)) {
            return entries.map(p -> p.getFileName().toString()).filter(n -> !n.equals("src") && !n.equals("analysis")).toList();
        }
    }

    private static SisConfig withAdmin(SisConfig c) {
        return new SisConfig(c.server(), c.store(), c.cache(), c.upload(), c.image(),
                new SecurityConfig(null, null, ADMIN, null, Set.of(), Set.of()));
    }
}
