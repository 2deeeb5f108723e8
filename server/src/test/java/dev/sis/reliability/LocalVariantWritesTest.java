package dev.sis.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.client.Fit;
import dev.sis.image.ImageFormat;
import dev.sis.image.VariantSpec;
import dev.sis.model.Md5;
import dev.sis.storage.StoreLayout;
import dev.sis.storage.VariantKey;
import dev.sis.testing.TestImages;
import dev.sis.testing.TestServer;
import java.awt.image.BufferedImage;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server on a local disk stores its new variants after their answers: a write that fails still
 * answers 200 and leaves no file, and a stop waits for the writes under way, so every variant
 * answered before the stop is on the disk, whole, after it. Server only (an agent's variants go
 * to its server: {@code AgentModeTest}).
 */
class LocalVariantWritesTest {
    /** Enough variants that some are still being written when the stop begins. */
    private static final int SIZES = 24;

    @TempDir
    Path dataDir;

    @Test
    void aVariantWhoseWriteFailsIsStillAnsweredAndLeavesNoFile() throws Exception {
        try (TestServer sis = TestServer.startWith(TestServer.defaults(dataDir))) {
            byte[] jpeg = TestImages.jpeg(80, 60, 3);
            Md5 md5 = new Md5(TestImages.md5Hex(jpeg));
            assertThat(sis.client().put("/v1/images/a.jpg", jpeg).statusCode()).isEqualTo(201);
            String id = new VariantSpec(40, 30, Fit.STRETCH, ImageFormat.JPEG, 80).id();
            // A file where the variant's folder goes: the folder cannot be made, so the write fails.
            Path blocker = dataDir.resolve(StoreLayout.folder(md5)).resolve(id);
            Files.writeString(blocker, "not a folder");

            HttpResponse<byte[]> answer = sis.client().get("/v1/images/" + md5.hex() + "?w=40&h=30&fit=stretch&format=jpeg&q=80");

            assertThat(answer.statusCode()).isEqualTo(200);
            BufferedImage image = TestImages.decode(answer.body());
            assertThat(image.getWidth()).isEqualTo(40);
            assertThat(image.getHeight()).isEqualTo(30);
            // The failed write, and the upload's analysis, which stores its result through a staging
            // file of its own: both must be over, or a file in flight would be taken for a leftover.
            sis.awaitBackgroundWrites();
            assertThat(Files.readString(blocker)).isEqualTo("not a folder");
            assertThat(filesUnder(dataDir.resolve(".staging"))).as("staging files left").isEmpty();
        }
    }

    @Test
    void aStopWaitsForTheVariantsStillBeingWritten() throws Exception {
        byte[] jpeg = TestImages.jpeg(120, 90, 4);
        Md5 md5 = new Md5(TestImages.md5Hex(jpeg));
        List<byte[]> answers = new ArrayList<>();
        TestServer sis = TestServer.startWith(TestServer.defaults(dataDir));
        try {
            assertThat(sis.client().put("/v1/images/b.jpg", jpeg).statusCode()).isEqualTo(201);
            for (int i = 0; i < SIZES; i++) {
                HttpResponse<byte[]> answer = sis.client().get("/v1/images/" + md5.hex() + "?w=" + (20 + i)
                        + "&h=20&fit=stretch&format=jpeg&q=80");
                assertThat(answer.statusCode()).isEqualTo(200);
                answers.add(answer.body());
            }
        } finally {
            sis.close(); // no wait for the writes before the stop: the stop is what waits
        }
        for (int i = 0; i < SIZES; i++) {
            VariantKey key = new VariantKey(new VariantSpec(20 + i, 20, Fit.STRETCH, ImageFormat.JPEG, 80).id(),
                    ImageFormat.JPEG.extension());
            Path stored = dataDir.resolve(StoreLayout.variant(md5, key));
            assertThat(stored).as("variant %d after the stop", i).exists();
            assertThat(Files.readAllBytes(stored)).isEqualTo(answers.get(i));
        }
    }

    private static List<Path> filesUnder(Path dir) throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }
}
