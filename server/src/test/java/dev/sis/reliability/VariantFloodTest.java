package dev.sis.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.config.CacheConfig;
import dev.sis.config.S3Config;
import dev.sis.config.SisConfig;
import dev.sis.config.StoreConfig;
import dev.sis.storage.StoreLayout;
import dev.sis.storage.VariantPlace;
import dev.sis.testing.S3TestServer;
import dev.sis.testing.Slow;
import dev.sis.testing.TestClient;
import dev.sis.testing.TestImages;
import dev.sis.testing.TestServer;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * One anonymous client asking for a thousand distinct sizes of one upload (issue 14, item 6):
 * the variants stored stay within {@code --max-variant-storage}, on local disk and on S3;
 * originals are never removed; a removed variant is made again when asked.
 *
 * <p>Each variant is a 100–139 × 100–124 JPEG of noise, 6.5–11 KB: the thousand are 8.4 MiB
 * (8,828,723 bytes, all kept before the budget existed), 1.7 times the 5 MiB budget, and on a
 * local disk, counted in whole 4 KiB blocks with their folders, about 16 MiB. The slack allowed
 * is one variant (the largest made, about 11 KB); in fact every put removes what it pushed over
 * the budget, so none is used once the flood is answered.
 */
@Slow
class VariantFloodTest {
    private static final long BUDGET = 5L << 20;
    private static final int SIZES = 1000;
    private static final int CLIENTS = 4;
    private static final int ASKED_AGAIN = 20;

    @TempDir
    Path dataDir;
    @TempDir
    Path s3Dir;
    @TempDir
    Path spool;

    @Test
    void aThousandDistinctSizesStayWithinTheBudgetOnDisk() throws Exception {
        try (TestServer sis = TestServer.startWith(local(dataDir, BUDGET))) {
            Flood flood = new Flood(sis);
            flood.run(SIZES);

            Map<String, Long> stored = variantsOnDisk(dataDir);
            assertThat(sum(stored)).as("variant bytes on disk after %d sizes", SIZES)
                    .isLessThanOrEqualTo(BUDGET + flood.largest());
            assertThat(stored.size()).as("variants on disk").isLessThan(SIZES / 2);
            long blockSize = Files.getFileStore(dataDir).getBlockSize();
            long footprint = stored.values().stream().mapToLong(size -> blocks(size, blockSize) + blockSize).sum();
            assertThat(metric(sis, "sis_stored_variants_size_bytes")).as("the budget's count is what is on disk")
                    .isEqualTo(footprint).isLessThanOrEqualTo(BUDGET);
            assertThat(metric(sis, "sis_stored_variants")).isEqualTo(stored.size());
            assertThat(metric(sis, "sis_stored_variants_evictions_total")).isGreaterThan(SIZES / 2);
            assertThat(metric(sis, "sis_stored_variants_budget_bytes")).isEqualTo(BUDGET);

            flood.assertOriginalsServed(originalsOnDisk(dataDir));
            List<String> evicted = flood.places(0, ASKED_AGAIN);
            assertThat(stored.keySet()).as("the first sizes asked, least recently used").doesNotContainAnyElementsOf(evicted);
            flood.askAgainAndExpectThemMade(ASKED_AGAIN);
            assertThat(variantsOnDisk(dataDir).keySet()).as("made again, stored again").containsAll(evicted);
            assertThat(sum(variantsOnDisk(dataDir))).isLessThanOrEqualTo(BUDGET + flood.largest());
        }
    }

    @Test
    void aThousandDistinctSizesStayWithinTheBudgetOnS3() throws Exception {
        try (S3TestServer s3 = S3TestServer.start(s3Dir)) {
            s3.createBucket("flood");
            try (TestServer sis = TestServer.startWith(onS3(s3, dataDir, spool, BUDGET))) {
                Flood flood = new Flood(sis);
                flood.run(SIZES);

                Map<String, Long> stored = variantsInBucket(s3);
                assertThat(sum(stored)).as("variant bytes in the bucket after %d sizes", SIZES)
                        .isLessThanOrEqualTo(BUDGET + flood.largest());
                assertThat(stored.size()).isLessThan(SIZES);
                assertThat(metric(sis, "sis_stored_variants_size_bytes")).isEqualTo(sum(stored));

                flood.assertOriginalsServed(originalsInBucket(s3));
                List<String> evicted = flood.places(0, ASKED_AGAIN);
                assertThat(stored.keySet()).doesNotContainAnyElementsOf(evicted);
                flood.askAgainAndExpectThemMade(ASKED_AGAIN);
                assertThat(variantsInBucket(s3).keySet()).containsAll(evicted);
            }
        }
    }

    @Test
    void throughAnAgentTheServersBudgetGovernsAndTheAgentKeepsNone(@TempDir Path agentSpool) throws Exception {
        long budget = 1L << 20;
        String token = "flood-internal-token-0123456789";
        try (TestServer server = TestServer.startWith(TestServer.withInternalToken(local(dataDir, budget), token));
             TestServer agent = TestServer.startAgent(agentSpool, server.url(""),
                     c -> withoutCache(TestServer.withInternalToken(c, token)))) {
            Flood flood = new Flood(agent);
            flood.run(300);

            assertThat(sum(variantsOnDisk(dataDir))).isLessThanOrEqualTo(budget + flood.largest());
            assertThat(metric(server, "sis_stored_variants_evictions_total")).isPositive();
            try (Stream<Path> files = Files.walk(agentSpool)) {
                assertThat(files.filter(Files::isRegularFile).filter(f -> !f.toString().endsWith(".lock")).toList())
                        .as("files on the agent, but its spool folder's lock").isEmpty();
            }
            flood.assertOriginalsServed(originalsOnDisk(dataDir));
            flood.askAgainAndExpectThemMade(ASKED_AGAIN);
        }
    }

    @Test
    void aRestartCountsWhatIsStoredAndKeepsTheMostRecentWithinTheBudget() throws Exception {
        Flood flood;
        try (TestServer sis = TestServer.startWith(local(dataDir, 1L << 30))) {
            flood = new Flood(sis);
            flood.runOneByOne(200);
        }
        assertThat(variantsOnDisk(dataDir)).hasSize(200);
        long budget = 1L << 20;

        try (TestServer sis = TestServer.startWith(local(dataDir, budget))) {
            flood.askThrough(sis);
            assertThat(sis.client().get("/readyz").statusCode()).isEqualTo(200);
            awaitScan(sis);

            Map<String, Long> stored = variantsOnDisk(dataDir);
            assertThat(metric(sis, "sis_stored_variants")).isEqualTo(stored.size());
            long blockSize = Files.getFileStore(dataDir).getBlockSize();
            assertThat(stored.values().stream().mapToLong(size -> blocks(size, blockSize) + blockSize).sum())
                    .isLessThanOrEqualTo(budget);
            assertThat(stored.keySet()).as("the variants written last").containsAll(flood.places(190, 200))
                    .doesNotContainAnyElementsOf(flood.places(0, 10));
            flood.assertOriginalsServed(originalsOnDisk(dataDir));
        }
    }

    @Test
    void aBudgetOfZeroStoresNoVariantButServesThemAll() throws Exception {
        try (TestServer sis = TestServer.startWith(local(dataDir, 0))) {
            Flood flood = new Flood(sis);
            flood.run(30);

            assertThat(variantsOnDisk(dataDir)).isEmpty();
            assertThat(sis.app().service().variantsMade()).isEqualTo(flood.asked());
            flood.assertOriginalsServed(originalsOnDisk(dataDir));
        }
    }

    /** Uploads three originals, then asks for distinct sizes of the first one. */
    private static final class Flood {
        private final List<byte[]> originals = new ArrayList<>();
        private final List<String> md5s = new ArrayList<>();
        private final AtomicInteger asked = new AtomicInteger();
        private TestServer sis;
        private long largest;

        Flood(TestServer sis) {
            this.sis = sis;
            for (int seed = 1; seed <= 3; seed++) {
                byte[] jpeg = TestImages.encode(noise(200, 160, seed), "jpeg");
                HttpResponse<byte[]> put = sis.client().put("/v1/images/noise-" + seed + ".jpg", jpeg);
                assertThat(put.statusCode()).as(TestClient.text(put)).isEqualTo(201);
                originals.add(jpeg);
                md5s.add(TestImages.md5Hex(jpeg));
            }
        }

        /** Size {@code i}: 40 widths × 25 heights, all distinct. */
        static int width(int i) {
            return 100 + i % 40;
        }

        static int height(int i) {
            return 100 + i / 40;
        }

        void run(int sizes) throws Exception {
            // The other originals get variants too, so that their folders hold variants to remove.
            ask(md5s.get(1), 0);
            ask(md5s.get(2), 0);
            AtomicInteger next = new AtomicInteger();
            try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<?>> done = new ArrayList<>();
                for (int c = 0; c < CLIENTS; c++) {
                    done.add(clients.submit(() -> {
                        for (int i = next.getAndIncrement(); i < sizes; i = next.getAndIncrement()) {
                            ask(md5s.getFirst(), i);
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
            }
            awaitStored();
        }

        void runOneByOne(int sizes) throws InterruptedException {
            for (int i = 0; i < sizes; i++) {
                ask(md5s.getFirst(), i);
                Thread.sleep(2); // distinct file times, for the order a restart finds them in
            }
            awaitStored();
        }

        /** Variants are stored after their answers (on a local disk and through an agent). */
        private void awaitStored() throws InterruptedException {
            assertThat(sis.app().service().variants().awaitWrites(Duration.ofSeconds(30))).isTrue();
        }

        private void ask(String md5, int i) {
            HttpResponse<byte[]> answer = sis.client().get("/v1/images/" + md5 + "?w=" + width(i) + "&h=" + height(i)
                    + "&fit=stretch&format=jpeg&q=85");
            assertThat(answer.statusCode()).as("size %d: %s", i, TestClient.text(answer)).isEqualTo(200);
            BufferedImage image = TestImages.decode(answer.body());
            assertThat(image.getWidth()).isEqualTo(width(i));
            assertThat(image.getHeight()).isEqualTo(height(i));
            asked.incrementAndGet();
            synchronized (this) {
                largest = Math.max(largest, answer.body().length);
            }
        }

        synchronized long largest() {
            return largest;
        }

        /** How many variants were asked for. */
        int asked() {
            return asked.get();
        }

        /** Goes on with another server over the same store (after a restart). */
        void askThrough(TestServer restarted) {
            sis = restarted;
        }

        /** Where sizes {@code from} … {@code to - 1} of the first original are stored. */
        List<String> places(int from, int to) {
            List<String> places = new ArrayList<>();
            for (int i = from; i < to; i++) {
                String id = "w%d-h%d-stretch-jpeg-q85".formatted(width(i), height(i));
                places.add(StoreLayout.folder(new dev.sis.model.Md5(md5s.getFirst())) + id + "/image.jpg");
            }
            return places;
        }

        /** Every original is still stored, byte for byte, and served. */
        void assertOriginalsServed(Map<String, byte[]> stored) {
            for (int i = 0; i < originals.size(); i++) {
                String md5 = md5s.get(i);
                assertThat(stored).as("original %s in the store", md5).containsKey(md5);
                assertThat(stored.get(md5)).isEqualTo(originals.get(i));
                assertThat(sis.client().get("/v1/images/" + md5).body()).isEqualTo(originals.get(i));
            }
        }

        /** Asks the first sizes again: served, and made again (no memory cache holds them). */
        void askAgainAndExpectThemMade(int count) throws InterruptedException {
            long before = sis.app().service().variantsMade();
            for (int i = 0; i < count; i++) {
                ask(md5s.getFirst(), i);
            }
            assertThat(sis.app().service().variantsMade() - before).isEqualTo(count);
            awaitStored();
        }
    }

    private static BufferedImage noise(int width, int height, long seed) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(seed);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        return image;
    }

    /** A server with this variant budget and no memory cache, so that every read goes to the store. */
    private static SisConfig local(Path dataDir, long budget) {
        SisConfig c = withoutCache(TestServer.defaults(dataDir));
        return new SisConfig(c.server(), ((StoreConfig.Local) c.store()).withMaxVariantBytes(budget), c.cache(), c.upload(), c.image());
    }

    /**
     * On S3, with the SDK's retries a deployment has by default (2): thousands of requests to
     * S3Proxy on a loaded machine meet the odd pooled connection it has closed (a broken pipe).
     */
    private static SisConfig onS3(S3TestServer s3, Path dataDir, Path spool, long budget) {
        SisConfig c = withoutCache(TestServer.defaults(dataDir));
        S3Config bucket = s3.config("flood", "sis", spool);
        S3Config retried = new S3Config(bucket.location(), bucket.endpoint(), bucket.pathStyle(), bucket.region(),
                bucket.limits().with(bucket.limits().requestTimeout(), 2));
        StoreConfig store = new StoreConfig.S3(retried).withMaxVariantBytes(budget);
        return new SisConfig(c.server(), store, c.cache(), c.upload(), c.image());
    }

    private static SisConfig withoutCache(SisConfig c) {
        return new SisConfig(c.server(), c.store(), new CacheConfig(0, c.cache().policy()), c.upload(), c.image(),
                c.security(), c.logFormat(), c.imageEngine());
    }

    private static void awaitScan(TestServer sis) throws InterruptedException {
        for (int i = 0; i < 300 && metric(sis, "sis_stored_variants_scanned") != 1; i++) {
            Thread.sleep(100);
        }
        assertThat(metric(sis, "sis_stored_variants_scanned")).as("the start-up scan ended").isEqualTo(1);
    }

    /** A metric without labels, from {@code /metrics}. */
    private static long metric(TestServer sis, String name) {
        String text = TestClient.text(sis.client().get("/metrics"));
        return text.lines().filter(line -> line.startsWith(name + " ")).findFirst()
                .map(line -> (long) Double.parseDouble(line.substring(name.length() + 1)))
                .orElseThrow(() -> new AssertionError("no metric " + name));
    }

    /** Variant files by their place in the layout, with their sizes. */
    private static Map<String, Long> variantsOnDisk(Path root) throws IOException {
        Map<String, Long> found = new HashMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                String relative = root.relativize(file).toString().replace('\\', '/');
                // an image's analysis sits beside its variants but outside their budget
                if (VariantPlace.parse(relative).filter(place -> !place.key().isSidecar()).isPresent()) {
                    found.put(relative, Files.size(file));
                }
            }
        }
        return found;
    }

    /** Originals' bytes by MD5 ({@code ab/cd/<md5>/src/NAME}). */
    private static Map<String, byte[]> originalsOnDisk(Path root) throws IOException {
        Map<String, byte[]> found = new HashMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                if (file.getParent().getFileName().toString().equals("src")) {
                    found.put(file.getParent().getParent().getFileName().toString(), Files.readAllBytes(file));
                }
            }
        }
        return found;
    }

    private static Map<String, Long> variantsInBucket(S3TestServer s3) {
        Map<String, Long> found = new HashMap<>();
        for (S3Object object : objects(s3)) {
            String relative = object.key().substring("sis/".length());
            if (VariantPlace.parse(relative).filter(place -> !place.key().isSidecar()).isPresent()) {
                found.put(relative, object.size());
            }
        }
        return found;
    }

    private static Map<String, byte[]> originalsInBucket(S3TestServer s3) {
        Map<String, byte[]> found = new HashMap<>();
        try (S3Client client = s3.client()) {
            for (S3Object object : objects(s3)) {
                String[] parts = object.key().split("/");
                if (parts.length == 6 && parts[4].equals("src")) {
                    found.put(parts[3], client.getObjectAsBytes(b -> b.bucket("flood").key(object.key())).asByteArray());
                }
            }
        }
        return found;
    }

    private static List<S3Object> objects(S3TestServer s3) {
        try (S3Client client = s3.client()) {
            return client.listObjectsV2Paginator(b -> b.bucket("flood").prefix("sis/")).contents().stream().toList();
        }
    }

    private static long sum(Map<String, Long> sizes) {
        return sizes.values().stream().mapToLong(Long::longValue).sum();
    }

    private static long blocks(long size, long blockSize) {
        return Math.ceilDiv(size, blockSize) * blockSize;
    }
}
