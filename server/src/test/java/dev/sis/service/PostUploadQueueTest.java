package dev.sis.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.model.Md5;
import dev.sis.testing.CapturedLog;
import dev.sis.testing.Eventually;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The one post-upload queue: one worker takes the images in the order they came; a full queue
 * drops work, counts every image dropped and logs once per burst; closing drops what waits and
 * lets the image under way end.
 */
class PostUploadQueueTest {
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final List<Md5> done = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch started = new CountDownLatch(1);

    private static List<Md5> md5s(int from, int count) {
        return IntStream.range(from, from + count)
                .mapToObj(i -> Md5.parse(HexFormat.of().toHexDigits((long) i) + "0".repeat(16))).toList();
    }

    /** Work that holds the worker on the first image until {@link #release} opens. */
    private Consumer<Md5> heldWork() {
        return md5 -> {
            started.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            done.add(md5);
        };
    }

    private double dropped() {
        return meters.counter("sis.post.upload.dropped").count();
    }

    @Test
    void imagesAreWorkedOnInTheOrderTheyCame() throws Exception {
        try (PostUploadQueue queue = new PostUploadQueue(10, meters)) {
            List<Md5> images = md5s(0, 8);
            queue.submit(images, done::add);

            Eventually.await(Duration.ofSeconds(10), "all worked on", queue::idle);
            assertThat(done).containsExactlyElementsOf(images);
            assertThat(dropped()).isZero();
        }
    }

    @Test
    void aFullQueueCountsEveryDropAndLogsOncePerBurst() throws Exception {
        try (CapturedLog log = CapturedLog.of(PostUploadQueue.class.getName());
             PostUploadQueue queue = new PostUploadQueue(2, meters)) {
            Consumer<Md5> work = heldWork();
            queue.submit(md5s(0, 1), work);
            started.await();
            queue.submit(md5s(1, 2), work); // the queue is full now
            queue.submit(md5s(3, 5), work);

            assertThat(dropped()).isEqualTo(5);
            assertThat(log.messages()).filteredOn(m -> m.startsWith("post-upload work dropped")).singleElement()
                    .as("the warning quotes this queue's capacity").asString()
                    .startsWith("post-upload work dropped: 2 uploaded images are already waiting;");

            release.countDown();
            Eventually.await(Duration.ofSeconds(10), "the queue emptied", queue::idle);
            queue.submit(md5s(8, 2), work); // within the queue's room, whoever takes the first
            Eventually.await(Duration.ofSeconds(10), "the queue emptied again", queue::idle);

            assertThat(log.messages()).filteredOn(m -> m.startsWith("the post-upload queue takes work again"))
                    .containsExactly("the post-upload queue takes work again: 5 uploaded images had their analysis "
                            + "and eager presets dropped meanwhile");
            assertThat(done).containsExactlyElementsOf(
                    java.util.stream.Stream.of(md5s(0, 3), md5s(8, 2)).flatMap(List::stream).toList());
        }
    }

    @Test
    void closingDropsWhatWaitsAndLetsTheImageUnderWayEnd() throws Exception {
        PostUploadQueue queue = new PostUploadQueue(10, meters);
        queue.submit(md5s(0, 4), heldWork());
        started.await();

        Thread closing = Thread.ofPlatform().start(queue::close);
        Eventually.await(Duration.ofSeconds(10), "the waiting images dropped", () -> dropped() == 3);
        release.countDown();
        closing.join();

        assertThat(done).as("the image under way ended; none that waited ran").containsExactlyElementsOf(md5s(0, 1));
        queue.submit(md5s(5, 1), done::add);
        assertThat(dropped()).as("work after the close is dropped, counted").isEqualTo(4);
        assertThat(queue.idle()).isTrue();
    }
}
