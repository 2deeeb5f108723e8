package dev.sis;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * The warm-up's requests to its private instance ({@link WarmUp}): one upload of a generated
 * JPEG, then, from {@link #CONNECTIONS} kept-alive connections at once, GETs of what users read
 * most and sis answers from its memory cache: the thumbnail by the legacy route and by
 * {@code /v1/images/{md5}}, and the original (a large answer, written in more than one pass as
 * real originals are). The first GET of each makes its variant; the rest are cache hits.
 */
final class WarmUpTraffic {
    /** Enough connections to keep both selector threads of a small machine busy, as a load balancer would. */
    static final int CONNECTIONS = 8;
    /** Requests a connection sends before it reads their answers. */
    static final int PIPELINED = 16;
    /** The longest the upload and the first reads (each a decode and a resize) may take. */
    static final Duration PREPARE_LIMIT = Duration.ofSeconds(10);
    /** Past the deadline, how long requests in flight get before they are cut. */
    private static final Duration GRACE = Duration.ofSeconds(2);
    private static final Pattern MD5 = Pattern.compile("\"MD5\":\"([0-9a-f]{32})\"");
    private static final String BOUNDARY = "sis-warm-up-boundary";

    private WarmUpTraffic() {
    }

    /** What a warm-up did: the milliseconds its upload and first reads took, and the cached reads answered. */
    record Driven(long preparedMillis, int reads) {
    }

    /**
     * Drives the instance on {@code port}: the upload and first reads (within
     * {@link #PREPARE_LIMIT}), then cached reads for {@code readTime} or {@code maxRequests} GETs,
     * whichever ends first. The reads get their whole time however long the upload took (a
     * busy machine's first decode takes seconds of it): they are what warms the hot path up.
     *
     * @return how long the upload and the first reads took, and how many GETs were answered
     * @throws IOException          when a request fails or the instance answers other than 200
     * @throws InterruptedException when the thread is interrupted (sis is stopping): the requests
     *                              in flight are cut first
     */
    static Driven drive(int port, Duration readTime, int maxRequests) throws IOException, InterruptedException {
        InetSocketAddress server = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        long started = System.nanoTime();
        try {
            List<byte[]> reads = await(pool.submit(() -> prepare(server)), started + PREPARE_LIMIT.toNanos());
            long prepared = System.nanoTime() - started;
            long deadlineNanos = System.nanoTime() + readTime.toNanos();
            AtomicInteger budget = new AtomicInteger(maxRequests);
            List<Future<Integer>> connections = new ArrayList<>();
            for (int i = 0; i < CONNECTIONS; i++) {
                int first = i;
                connections.add(pool.submit(() -> read(server, reads, first, deadlineNanos, budget)));
            }
            int answered = 0;
            for (Future<Integer> connection : connections) {
                answered += await(connection, deadlineNanos);
            }
            return new Driven(prepared / 1_000_000, answered);
        } finally {
            pool.shutdownNow(); // interrupts what still runs: its channel closes, its read ends
            pool.close();
        }
    }

    private static <T> T await(Future<T> task, long deadlineNanos) throws IOException, InterruptedException {
        try {
            return task.get(Math.max(0, deadlineNanos - System.nanoTime()) + GRACE.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new IOException("the warm-up's instance did not answer in time");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause());
        }
    }

    /** Uploads the image and makes its variants: the GETs to repeat, each answered once already. */
    private static List<byte[]> prepare(InetSocketAddress server) throws IOException {
        try (WarmUpConnection connection = WarmUpConnection.open(server)) {
            byte[] answer = ok(connection.exchange(upload(sampleJpeg()), true), "/up");
            Matcher md5 = MD5.matcher(new String(answer, StandardCharsets.UTF_8));
            if (!md5.find()) {
                throw new IOException("the warm-up's upload answered no MD5");
            }
            List<byte[]> reads = List.of(
                    WarmUpConnection.get("/stretch_simple_down?md5=" + md5.group(1) + "&w=300&h=200"),
                    WarmUpConnection.get("/v1/images/" + md5.group(1) + "?w=300&h=200"),
                    WarmUpConnection.get("/simple_down?md5=" + md5.group(1)));
            for (byte[] read : reads) {
                ok(connection.exchange(read, false), "a first read");
            }
            return reads;
        }
    }

    /**
     * One connection's loop: batches of {@link #PIPELINED} reads sent in one write, their answers
     * read in turn, until the time or the budget is spent. Pipelined because one request at a
     * time left the warm-up's own client the bottleneck: about 4,500 reads a second on a quiet
     * 2-core machine, against the server's 35,000, too few for the JIT's thresholds in 1.5 s.
     */
    private static int read(InetSocketAddress server, List<byte[]> reads, int first, long deadlineNanos,
            AtomicInteger budget) throws IOException {
        int answered = 0;
        byte[] batch = batch(reads, first);
        try (WarmUpConnection connection = WarmUpConnection.open(server)) {
            while (System.nanoTime() < deadlineNanos && budget.addAndGet(-PIPELINED) >= 0
                    && !Thread.currentThread().isInterrupted()) {
                connection.send(batch);
                for (int i = 0; i < PIPELINED; i++) {
                    ok(connection.receive(false), "a cached read");
                    answered++;
                }
            }
        }
        return answered;
    }

    /**
     * {@link #PIPELINED} GETs in one array: the thumbnail by both routes in turn and, once a batch,
     * the original (the last of {@code reads}), as users read far more thumbnails than originals.
     */
    static byte[] batch(List<byte[]> reads, int first) {
        List<byte[]> thumbnails = reads.subList(0, reads.size() - 1);
        ByteArrayOutputStream batch = new ByteArrayOutputStream();
        for (int i = 0; i < PIPELINED - 1; i++) {
            batch.writeBytes(thumbnails.get((first + i) % thumbnails.size()));
        }
        batch.writeBytes(reads.getLast());
        return batch.toByteArray();
    }

    private static byte[] ok(WarmUpConnection.Answer answer, String what) throws IOException {
        if (answer.status() != 200) {
            throw new IOException(what + " answered " + answer.status());
        }
        return answer.body();
    }

    private static byte[] upload(byte[] jpeg) {
        byte[] head = ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"warm-up.jpg\"\r\n"
                + "Content-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] tail = ("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] start = ("POST /up HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: sis-warm-up\r\n"
                + "Content-Type: multipart/form-data; boundary=" + BOUNDARY + "\r\n"
                + "Content-Length: " + (head.length + jpeg.length + tail.length) + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream request = new ByteArrayOutputStream(start.length + head.length + jpeg.length + tail.length);
        request.writeBytes(start);
        request.writeBytes(head);
        request.writeBytes(jpeg);
        request.writeBytes(tail);
        return request.toByteArray();
    }

    /**
     * An 800x600 JPEG of gradients and noise: about as costly to shrink as a photo, and a
     * large original, whose answer is written as users' originals are.
     */
    static byte[] sampleJpeg() throws IOException {
        BufferedImage image = new BufferedImage(800, 600, BufferedImage.TYPE_INT_RGB);
        SplittableRandom noise = new SplittableRandom(18);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int r = (x * 255 / 800 + noise.nextInt(64)) & 0xff;
                int g = (y * 255 / 600 + noise.nextInt(64)) & 0xff;
                int b = ((x + y) * 255 / 1400 + noise.nextInt(64)) & 0xff;
                image.setRGB(x, y, r << 16 | g << 8 | b);
            }
        }
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        // Buffered in memory: ImageIO's default, a temporary file, would also add a shutdown hook.
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(jpeg)) {
            writer.setOutput(out);
            writer.write(image);
        } finally {
            writer.dispose();
        }
        return jpeg.toByteArray();
    }
}
