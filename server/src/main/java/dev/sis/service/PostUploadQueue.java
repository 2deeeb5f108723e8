package dev.sis.service;

import dev.sis.model.Md5;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one queue of what follows an upload, in the background: for each uploaded image, the work
 * its uploader gives (its analysis, then its eager presets, which may need the analysis's
 * focal point) runs on one worker, images in the order they came.
 *
 * <p>One worker because the work is decoding: through the decode gate it takes one slot at most
 * and leaves the others to requests, and one image's steps stay in order without waiting on each
 * other. A queue of {@value #QUEUE} images (an MD5 and a task each: a few hundred bytes) bounds
 * how far the background work may lag behind the uploads; beyond it an image's work is dropped,
 * counted in {@code sis.post.upload.dropped} and logged once per burst of drops (with the
 * burst's total when the queue takes work again), never delaying an upload's answer.
 *
 * <p>{@link #close()} drops what waits (counted as dropped) and lets the image under way end
 * within {@link #FINISH_AT_CLOSE}, so its writes reach the store before the store closes.
 * Thread-safe.
 */
public final class PostUploadQueue implements AutoCloseable {
    static final int QUEUE = 256;
    static final Duration FINISH_AT_CLOSE = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(PostUploadQueue.class);

    private final ThreadPoolExecutor executor;
    /** How many images may wait: what the drop warning quotes. */
    private final int capacity;
    private final Counter dropped;
    /** Images whose work was dropped since the queue last took one: above 0 while a burst lasts. */
    private final AtomicLong droppedInBurst = new AtomicLong();
    /**
     * Images taken and not yet done: counted here because the executor's own counts leave a gap
     * between a task leaving the queue and its start, in which it would look idle.
     */
    private final AtomicInteger pending = new AtomicInteger();

    PostUploadQueue(int capacity, MeterRegistry meters) {
        this.capacity = capacity;
        this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(capacity),
                Thread.ofPlatform().name("sis-post-upload").daemon(true).factory(), new ThreadPoolExecutor.AbortPolicy());
        this.dropped = Counter.builder("sis.post.upload.dropped")
                .description("uploaded images whose background work (analysis, eager presets) was dropped: "
                        + "the post-upload queue was full or the server was stopping")
                .register(meters);
    }

    /** Queues {@code work} for each image; returns at once. */
    public void submit(List<Md5> images, Consumer<Md5> work) {
        for (Md5 md5 : images) {
            pending.incrementAndGet();
            try {
                executor.execute(() -> run(md5, work));
            } catch (RejectedExecutionException fullOrStopped) {
                pending.decrementAndGet();
                drop(1);
                continue;
            }
            long burst = droppedInBurst.getAndSet(0);
            if (burst > 0) {
                LOG.info("the post-upload queue takes work again: {} uploaded images had their analysis and eager "
                        + "presets dropped meanwhile", burst);
            }
        }
    }

    private void run(Md5 md5, Consumer<Md5> work) {
        try {
            work.accept(md5);
        } catch (RuntimeException e) {
            // each step already says why it failed; this keeps the worker for the next image
            LOG.warn("the work after the upload of {} failed: {}", md5, e.toString());
        } finally {
            pending.decrementAndGet();
        }
    }

    private void drop(int images) {
        dropped.increment(images);
        if (droppedInBurst.getAndAdd(images) == 0 && !executor.isShutdown()) {
            LOG.warn("post-upload work dropped: {} uploaded images are already waiting; until there is room again "
                    + "further drops are only counted (sis_post_upload_dropped_total): those images get no analysis "
                    + "until uploaded again, and their eager presets are made on first view", capacity);
        }
    }

    /** How many images' work was dropped since start (the metric's value). */
    public long dropped() {
        return (long) dropped.count();
    }

    /** Whether no image's work is waiting or under way. */
    public boolean idle() {
        return pending.get() == 0;
    }

    /** Drops what waits, lets the image under way end (a bounded wait), then stops the worker. */
    @Override
    public void close() {
        List<Runnable> waiting = new ArrayList<>();
        executor.shutdown();
        executor.getQueue().drainTo(waiting);
        if (!waiting.isEmpty()) {
            pending.addAndGet(-waiting.size());
            dropped.increment(waiting.size());
            LOG.info("stopping: the analysis and eager presets of {} uploaded images were dropped", waiting.size());
        }
        try {
            if (!executor.awaitTermination(FINISH_AT_CLOSE.toMillis(), TimeUnit.MILLISECONDS)) {
                executor.shutdownNow(); // its store writes fail and remove their staging files
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
