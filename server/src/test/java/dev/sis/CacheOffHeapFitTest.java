package dev.sis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.testing.ServerProcess;
import dev.sis.testing.Slow;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The memory cache lives outside the heap: on the real process, at {@code -Xmx128m}, a
 * {@code --cache=512} fills with 30 uploads of ~20 MB photos (more than 512 MiB in all) without a
 * 500 or an {@link OutOfMemoryError}, evicts at its budget, and serves what it holds. With the
 * cache on the heap, the same start was refused (and the default cache, shrunk to what fitted,
 * was all this heap could take).
 */
@Slow
class CacheOffHeapFitTest {
    private static final String SMALL_HEAP = "-Xmx128m";
    private static final int UPLOADS = 30;
    private static final long BUDGET = 512L << 20;
    private static byte[] photo;

    @TempDir
    Path dataDir;

    @BeforeAll
    static void makeALargePhoto() {
        photo = noisyJpeg(5000, 3500);
        assertThat(photo.length).as("a photo as large as a camera's").isGreaterThan(18 << 20);
    }

    @Test
    void aCacheFourTimesTheHeapFillsEvictsAtItsBudgetAndServes() throws Exception {
        try (ServerProcess sis = ServerProcess.start(List.of(SMALL_HEAP),
                List.of("-port", "0", "-host", "127.0.0.1", "-image", dataDir.toString(), "--cache=512",
                        // FIFO keeps the newest: the last upload is then surely in the cache (TinyLFU may refuse it).
                        "--cache-policy=fifo"));
             HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
             ExecutorService uploaders = Executors.newFixedThreadPool(2)) {
            // the banner's lines arrive one by one: the memory line may come after the port is known
            dev.sis.testing.Eventually.await(Duration.ofSeconds(10), "the memory line of the banner",
                    () -> String.join("\n", sis.lines()).contains("cache 512 MiB outside the heap"));
            assertThat(String.join("\n", sis.lines())).contains("heap 128 MiB", "cache 512 MiB outside the heap");
            String base = "http://127.0.0.1:" + sis.port();

            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < UPLOADS; i++) {
                int n = i;
                answers.add(uploaders.submit(() -> upload(client, base, "photo-" + n + ".jpg", withComment(photo, n))));
            }
            List<String> results = new ArrayList<>();
            for (Future<String> answer : answers) {
                results.add(answer.get(5, TimeUnit.MINUTES));
            }

            String everything = String.join("\n", sis.lines());
            assertThat(results).as("server log:%n%s", everything).allMatch(r -> r.startsWith("201 "));
            assertThat(everything).doesNotContain("OutOfMemoryError");
            String metrics = client.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(gauge(metrics, "sis_cache_budget_bytes")).isEqualTo(BUDGET);
            assertThat(gauge(metrics, "sis_cache_size_bytes")).as("full, four times the heap")
                    .isGreaterThan(BUDGET - 2L * photo.length).isLessThanOrEqualTo(BUDGET);
            assertThat(gauge(metrics, "sis_cache_evictions_total")).isPositive();
            assertThat(gauge(metrics, "sis_cache_native_bytes")).as("the entries' native memory")
                    .isGreaterThan(BUDGET - 2L * photo.length).isLessThanOrEqualTo(BUDGET);
            // The last upload is cached, and served from the cache's native memory.
            String last = md5Of(results.getLast());
            HttpResponse<byte[]> read = client.send(HttpRequest.newBuilder(URI.create(base + "/v1/images/" + last)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(read.statusCode()).isEqualTo(200);
            assertThat(read.body()).isEqualTo(withComment(photo, UPLOADS - 1));
        }
    }

    private static String upload(HttpClient client, String base, String name, byte[] bytes) {
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(base + "/v1/images/" + name))
                    .timeout(Duration.ofMinutes(2)).PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() + " " + name + " " + response.body();
        } catch (IOException e) {
            return "failed " + name + ": " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted " + name;
        }
    }

    private static String md5Of(String answer) {
        Matcher m = Pattern.compile("\"md5\":\"([0-9a-f]{32})\"").matcher(answer);
        assertThat(m.find()).as(answer).isTrue();
        return m.group(1);
    }

    private static long gauge(String metrics, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + "(?:\\{[^}]*})? (\\S+)$").matcher(metrics);
        assertThat(m.find()).as(name).isTrue();
        return (long) Double.parseDouble(m.group(1));
    }

    /** A JPEG of noise at quality 95: as many bytes per pixel as a detailed photo, or more. */
    private static byte[] noisyJpeg(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(15);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt(1 << 24));
            }
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.95f);
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** The same JPEG with a comment segment (FF FE) after its start: other bytes, another MD5. */
    private static byte[] withComment(byte[] jpeg, int n) {
        byte[] text = ("copy " + n).getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[jpeg.length + 4 + text.length];
        out[0] = jpeg[0];
        out[1] = jpeg[1];
        out[2] = (byte) 0xFF;
        out[3] = (byte) 0xFE;
        out[4] = (byte) ((text.length + 2) >> 8);
        out[5] = (byte) (text.length + 2);
        System.arraycopy(text, 0, out, 6, text.length);
        System.arraycopy(jpeg, 2, out, 6 + text.length, jpeg.length - 2);
        return out;
    }
}
