package dev.sis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.config.ImageLimits;
import dev.sis.config.SisConfig;
import dev.sis.image.DecodeGate;
import dev.sis.image.ImageAnalysis;
import dev.sis.service.PostUploadQueue;
import dev.sis.testing.CapturedLog;
import dev.sis.testing.Eventually;
import dev.sis.testing.TestImages;
import dev.sis.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server's graceful stop and the post-upload queue: what waits is dropped (counted and said
 * once), the image under way ends and its analysis reaches the store before the store closes,
 * and nothing is left in the staging area. The test holds the only decode slot so that the first
 * image's analysis is under way, and the others wait, when the stop begins.
 */
class PostUploadShutdownTest {
    @TempDir
    Path dataDir;

    private static SisConfig oneDecodeSlot(SisConfig c) {
        ImageLimits l = c.image();
        return new SisConfig(c.server(), c.store(), c.cache(), c.upload(),
                new ImageLimits(l.maxSourcePixels(), l.maxOutputPixels(), l.maxDimension(), 1, 4));
    }

    @Test
    void aStopDropsTheWaitingWorkAndLetsTheImageUnderWayEnd() throws Exception {
        TestServer server = TestServer.startWith(oneDecodeSlot(TestServer.defaults(dataDir)));
        PostUploadQueue queue = server.app().service().postUpload();
        List<byte[]> images = List.of(TestImages.png(50, 40), TestImages.png(51, 40), TestImages.png(52, 40),
                TestImages.png(53, 40));
        Thread stopping;
        try (CapturedLog log = CapturedLog.of(PostUploadQueue.class.getName())) {
            try (DecodeGate.Permit held = server.app().decodeGate().enter()) {
                for (int i = 0; i < images.size(); i++) {
                    assertThat(server.client().put("/v1/images/" + i + ".png", images.get(i)).statusCode()).isEqualTo(201);
                }
                stopping = Thread.ofPlatform().start(server::close);
                Eventually.await(Duration.ofSeconds(20), "the waiting images dropped", () -> queue.dropped() == 3);
                assertThat(server.app().isStopped()).as("the stop waits for the image under way").isFalse();
            }
            stopping.join();

            assertThat(log.messages()).contains("stopping: the analysis and eager presets of 3 uploaded images were dropped");
        }
        assertThat(queue.idle()).isTrue();
        try (Stream<Path> files = Files.walk(dataDir)) {
            List<Path> all = files.filter(Files::isRegularFile).toList();
            assertThat(all).filteredOn(p -> p.startsWith(dataDir.resolve(".staging"))).as("staging files left").isEmpty();
            List<Path> sidecars = all.stream().filter(p -> p.endsWith(Path.of("analysis", "image.json"))).toList();
            assertThat(sidecars).as("the image under way was analysed, the others were not").hasSize(1);
            assertThat(sidecars.getFirst().toString()).contains(TestImages.md5Hex(images.getFirst()));
            assertThat(ImageAnalysis.parse(Files.readAllBytes(sidecars.getFirst()))).isPresent();
        }
    }
}
