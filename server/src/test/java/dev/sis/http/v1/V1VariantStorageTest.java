package dev.sis.http.v1;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.client.Fit;
import dev.sis.image.ImageFormat;
import dev.sis.image.VariantSpec;
import dev.sis.testing.TestImages;
import dev.sis.testing.TestServer;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Variants are kept on disk beside their original and outlive a restart. */
class V1VariantStorageTest {
    @TempDir
    Path dataDir;
    private TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static Path imageDir(Path dataDir, String md5) throws IOException {
        try (Stream<Path> walk = Files.walk(dataDir)) {
            List<Path> dirs = walk.filter(Files::isDirectory).filter(p -> p.getFileName().toString().equals(md5)).toList();
            assertThat(dirs).as("the directory of %s", md5).hasSize(1);
            return dirs.getFirst();
        }
    }

    private void awaitVariantWrites() {
        try {
            assertThat(server.app().service().variants().awaitWrites(Duration.ofSeconds(10))).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** What a directory holds, but the image's analysis sidecar: it is written in the background, at any time. */
    private static List<Path> children(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> !p.getFileName().toString().equals("analysis")).sorted().toList();
        }
    }

    @Test
    void aVariantIsStoredInItsOwnDirectoryBesideTheOriginal() throws IOException {
        server = TestServer.start(dataDir);
        byte[] png = TestImages.png(80, 60);
        String md5 = Answers.put(server, "a.png", png).get("md5").textValue();
        Path imageDir = imageDir(dataDir, md5);
        List<Path> before = children(imageDir);

        // gravity=center: the default (auto) would crop around the focal point and name it (-fp…)
        HttpResponse<byte[]> response = server.client().get("/v1/images/" + md5 + "?w=40&h=40&fit=cover&format=jpeg&q=70&gravity=center");

        assertThat(response.statusCode()).isEqualTo(200);
        awaitVariantWrites(); // an agent hands the variant to its server after the answer
        String id = new VariantSpec(40, 40, Fit.COVER, ImageFormat.JPEG, 70).id();
        List<Path> after = children(imageDir);
        assertThat(after).hasSize(before.size() + 1);
        Path variantDir = imageDir.resolve(id);
        assertThat(after).contains(variantDir);
        List<Path> files = children(variantDir);
        assertThat(files).hasSize(1);
        assertThat(Files.readAllBytes(files.getFirst())).isEqualTo(response.body());
        assertThat(id).doesNotContain("/", "\\", "..");
    }

    @Test
    void differentParametersAreDifferentStoredVariants() throws IOException {
        server = TestServer.start(dataDir);
        String md5 = Answers.put(server, "a.png", TestImages.png(80, 60)).get("md5").textValue();
        Path imageDir = imageDir(dataDir, md5);
        int before = children(imageDir).size();

        server.client().get("/v1/images/" + md5 + "?w=40");
        server.client().get("/v1/images/" + md5 + "?w=41");
        server.client().get("/v1/images/" + md5 + "?w=40&format=gif");
        server.client().get("/v1/images/" + md5 + "?w=40"); // again: no new variant
        awaitVariantWrites();

        assertThat(children(imageDir)).hasSize(before + 3);
        assertThat(server.app().service().variantsMade()).isEqualTo(3);
    }

    @Test
    void aRestartedServerServesStoredVariantsWithoutRemakingThem() {
        server = TestServer.start(dataDir);
        byte[] jpeg = TestImages.jpeg(120, 80, 3);
        String md5 = Answers.put(server, "a.jpg", jpeg).get("md5").textValue();
        String[] queries = {"w=60", "h=20&format=png", "w=50&h=50&fit=stretch&q=40"};
        byte[][] made = new byte[queries.length][];
        for (int i = 0; i < queries.length; i++) {
            made[i] = server.client().get("/v1/images/" + md5 + "?" + queries[i]).body();
        }
        assertThat(server.app().service().variantsMade()).isEqualTo(queries.length);
        server.close();

        server = Answers.start(dataDir, false);

        for (int i = 0; i < queries.length; i++) {
            HttpResponse<byte[]> again = server.client().get("/v1/images/" + md5 + "?" + queries[i]);
            assertThat(again.statusCode()).isEqualTo(200);
            assertThat(again.body()).as(queries[i]).isEqualTo(made[i]);
        }
        assertThat(server.app().service().variantsMade()).isZero();
        assertThat(server.client().get("/v1/images/" + md5 + "/a.jpg").body()).isEqualTo(jpeg);
    }

    @Test
    void withoutACacheAStoredVariantIsReadFromDiskNotRemade() {
        server = Answers.start(dataDir, false);
        String md5 = Answers.put(server, "a.png", TestImages.png(80, 60)).get("md5").textValue();

        byte[] first = server.client().get("/v1/images/" + md5 + "?w=20").body();
        byte[] second = server.client().get("/v1/images/" + md5 + "?w=20").body();

        assertThat(second).isEqualTo(first);
        assertThat(server.app().service().variantsMade()).isEqualTo(1);
    }

    @Test
    void nothingIsLeftInStagingAfterUploadsAndVariants() throws IOException {
        server = TestServer.start(dataDir);
        String md5 = Answers.put(server, "a.png", TestImages.png(80, 60)).get("md5").textValue();
        server.client().get("/v1/images/" + md5 + "?w=20");
        server.client().put("/v1/images/bad.png", new byte[] {1, 2, 3});
        server.awaitBackgroundWrites();

        assertThat(children(dataDir.resolve(".staging"))).isEmpty();
    }
}
