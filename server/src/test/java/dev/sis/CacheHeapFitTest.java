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
 * The memory cache lives on the heap, so sis never takes one the heap cannot hold beside the
 * decodes (see {@code HeapShare}): on the real process, at {@code -Xmx128m}, an explicit
 * {@code --cache=512} is refused at start with both figures and the fix, and the default cache
 * (100 MiB, more than fits) is shrunk and then filled by two dozen uploads of ~20 MB photos
 * without a 500 or an {@link OutOfMemoryError}. Without the rule, the same uploads into the
 * default cache end in {@code OutOfMemoryError}s and 500s.
 */
@Slow
class CacheHeapFitTest {
    private static final String SMALL_HEAP = "-Xmx128m";
    private static final int UPLOADS = 24;
    private static byte[] photo;

    @TempDir
    Path dataDir;

    @BeforeAll
    static void makeALargePhoto() {
        photo = noisyJpeg(5000, 3500);
        assertThat(photo.length).as("a photo as large as a camera's").isGreaterThan(18 << 20);
    }

    @Test
    void anExplicitCacheTheHeapCannotHoldIsRefusedAtStartWithBothFiguresAndTheFix() throws Exception {
        Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        Process sis = new ProcessBuilder(java.toString(), SMALL_HEAP, "-cp", System.getProperty("java.class.path"),
                "dev.sis.Main", "-port", "0", "-host", "127.0.0.1", "-image", dataDir.toString(), "--cache=512")
                .redirectErrorStream(true).start();
        assertThat(sis.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(sis.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(sis.exitValue()).as(output).isEqualTo(2);
        assertThat(output).contains("--cache: 512 MiB does not fit in the Java heap of 128 MiB",
                "-Xmx", "smaller --cache").doesNotContain("sis is ready");
    }

    @Test
    void theDefaultCacheIsShrunkToTheHeapAndLargeUploadsFillItWithoutA500OrOutOfMemory() throws Exception {
        try (ServerProcess sis = ServerProcess.start(List.of(SMALL_HEAP),
                List.of("-port", "0", "-host", "127.0.0.1", "-image", dataDir.toString()));
             HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
             ExecutorService uploaders = Executors.newFixedThreadPool(2)) {
            String log = String.join("\n", sis.lines());
            assertThat(log).contains("the default 100 MiB does not fit this heap: shrunk", "memory:        heap 128 MiB");
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
            // What was uploaded is served, from the cache or the disk.
            String first = md5Of(results.getFirst());
            HttpResponse<byte[]> read = client.send(HttpRequest.newBuilder(URI.create(base + "/v1/images/" + first)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(read.statusCode()).isEqualTo(200);
            assertThat(read.body()).isEqualTo(withComment(photo, 0));
            String metrics = client.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(gauge(metrics, "sis_cache_size_bytes")).isPositive()
                    .isLessThanOrEqualTo(gauge(metrics, "sis_cache_budget_bytes"));
            assertThat(gauge(metrics, "sis_cache_budget_bytes")).isLessThan(100L << 20);
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
