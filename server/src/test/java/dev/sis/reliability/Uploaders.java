package dev.sis.reliability;

import dev.sis.reliability.UploadLedger.Upload;
import dev.sis.testing.Multipart;
import dev.sis.testing.TestImages;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Parallel clients uploading new images as fast as the server takes them, over the three
 * upload routes ({@code POST /up}, {@code POST /v1/images} with one to three files,
 * {@code PUT /v1/images/NAME}), and one client asking for variants of what was acknowledged.
 * Every image is new: a small JPEG followed by up to 256 KiB of random bytes (the header
 * check accepts it, and a larger body makes a kill land mid-write more often); optional large
 * clients put files of 17–25 MiB, for the S3 store's multipart uploads. Each answer goes into
 * the {@link UploadLedger}. Seeded; stops when told.
 */
final class Uploaders implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    /** The smallest large file, in MiB. */
    static final int LARGE_MIB = 17;

    private final String base;
    private final UploadLedger ledger;
    private final Set<Integer> refusals;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final List<Thread> threads = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    /**
     * @param refusals statuses an upload may get without being stored (e.g. 502, 503, 504 from
     *                 an agent whose server is down); any status other than these, 200 and 201 is unexpected
     */
    Uploaders(String base, UploadLedger ledger, Set<Integer> refusals, int uploaders, long seed) {
        this(base, ledger, refusals, uploaders, 0, seed);
    }

    /**
     * @param largeUploaders more clients, each putting files of {@value #LARGE_MIB} to {@code LARGE_MIB + 8} MiB
     *                       with {@code PUT /v1/images/NAME}: over the S3 store's multipart threshold (16 MiB)
     */
    Uploaders(String base, UploadLedger ledger, Set<Integer> refusals, int uploaders, int largeUploaders, long seed) {
        this.base = base;
        this.ledger = ledger;
        this.refusals = refusals;
        for (int i = 0; i < uploaders + largeUploaders; i++) {
            Random random = new Random(seed * 31 + i);
            String prefix = "u" + i + "-" + Long.toHexString(seed & 0xFFFFFF);
            boolean large = i >= uploaders;
            threads.add(Thread.ofPlatform().name("uploader-" + i).start(() -> upload(random, prefix, large)));
        }
        Random random = new Random(seed * 17);
        threads.add(Thread.ofPlatform().name("variant-reader").start(() -> readVariants(random)));
    }

    private void upload(Random random, String prefix, boolean large) {
        int n = 0;
        while (!stopped.get()) {
            int route = large ? 2 : random.nextInt(3);
            int files = route == 1 ? 1 + random.nextInt(3) : 1;
            List<Upload> batch = new ArrayList<>();
            for (int f = 0; f < files; f++) {
                int padding = large ? (LARGE_MIB << 20) + random.nextInt(8 << 20)
                        : random.nextInt(4) == 0 ? random.nextInt(256 * 1024) : random.nextInt(2048);
                batch.add(newImage(random, prefix + "-" + n++ + (random.nextBoolean() ? ".jpg" : "-名字.jpg"), padding));
            }
            ledger.sending(batch);
            try {
                HttpResponse<String> answer = http.send(request(route, batch), HttpResponse.BodyHandlers.ofString());
                record(answer, batch);
            } catch (IOException lost) {
                ledger.lostAnswer();
                pause(20);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void record(HttpResponse<String> answer, List<Upload> batch) {
        int status = answer.statusCode();
        ledger.answered(status);
        if (status == 200 || status == 201) {
            for (Upload u : batch) {
                if (!answer.request().uri().getPath().equals("/up") && !answer.body().contains(u.md5())) {
                    ledger.unexpected("answer " + status + " without the md5 " + u.md5() + ": " + answer.body());
                }
                if (answer.request().uri().getPath().equals("/up") && !answer.body().contains("\"MD5\":\"" + u.md5() + "\"")) {
                    ledger.unexpected("legacy answer without the md5 " + u.md5() + ": " + answer.body());
                }
            }
            ledger.acknowledged(batch);
        } else if (!refusals.contains(status)) {
            ledger.unexpected(answer.request().method() + " " + answer.request().uri().getPath() + " answered "
                    + status + ": " + answer.body());
        }
    }

    private HttpRequest request(int route, List<Upload> batch) {
        HttpRequest.Builder builder = HttpRequest.newBuilder().timeout(TIMEOUT);
        if (route == 2) {
            Upload u = batch.getFirst();
            String name = URLEncoder.encode(u.name(), StandardCharsets.UTF_8).replace("+", "%20");
            return builder.uri(URI.create(base + "/v1/images/" + name))
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(u.bytes())).build();
        }
        Multipart body = new Multipart();
        batch.forEach(u -> body.file("file", u.name(), u.bytes()));
        return builder.uri(URI.create(base + (route == 0 ? "/up" : "/v1/images")))
                .header("Content-Type", body.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.body())).build();
    }

    /** Variants of acknowledged images: an acknowledged image is never 404, and nothing is 500. */
    private void readVariants(Random random) {
        while (!stopped.get()) {
            List<Upload> known = ledger.acknowledged();
            if (known.isEmpty()) {
                pause(20);
                continue;
            }
            Upload u = known.get(random.nextInt(known.size()));
            URI uri = URI.create(base + "/v1/images/" + u.md5() + "?w=" + (8 + random.nextInt(40)));
            try {
                int status = http.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status != 200 && !refusals.contains(status)) {
                    ledger.unexpected("GET " + uri.getPath() + "?" + uri.getQuery() + " answered " + status);
                }
            } catch (IOException lost) {
                pause(20);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static Upload newImage(Random random, String name, int padding) {
        byte[] jpeg = TestImages.jpeg(24 + random.nextInt(40), 16 + random.nextInt(30), random.nextLong());
        byte[] bytes = java.util.Arrays.copyOf(jpeg, jpeg.length + padding);
        for (int i = jpeg.length; i < bytes.length; i++) {
            bytes[i] = (byte) random.nextInt();
        }
        return new Upload(TestImages.md5Hex(bytes), name, bytes);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops every client and waits for them (an upload in flight ends with its answer or its connection). */
    @Override
    public void close() throws InterruptedException {
        stopped.set(true);
        for (Thread t : threads) {
            t.join(30_000);
        }
        http.close();
    }
}
