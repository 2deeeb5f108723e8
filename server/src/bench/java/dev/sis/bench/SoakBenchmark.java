package dev.sis.bench;

import dev.sis.storage.Folders;
import dev.sis.testing.Multipart;
import dev.sis.testing.TestImages;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A soak: sis as a real process ({@code java -jar target/sis.jar}) under a bounded mixed workload
 * — uploads, reads of a hot set (cached), reads of old images (cold, from disk), and variants
 * of random sizes (some new, some cached) — for a fixed time. Every few seconds it samples the
 * server's heap, RSS, cache size against its budget, open files and live threads, and prints
 * them as a markdown table, then a verdict: no errors, the cache never above its budget, no
 * growth of file descriptors or threads. Not a test (bench/soak.sh runs it; see
 * docs/reliability.md). Loopback only; every loop is bounded by the duration.
 *
 * <p>Arguments: {@code SECONDS [CACHE_MIB]}, default 120 and 16 (a budget well below the
 * working set, so the cache evicts all the time).
 */
public final class SoakBenchmark {
    private static final Pattern LISTENING = Pattern.compile("listening on:\\s+\\S+:(\\d+)");
    private static final Duration SAMPLE_EVERY = Duration.ofSeconds(10);
    private static final int UPLOADERS = 2;
    private static final int READERS = 6;
    private static final int HOT_SET = 40;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final List<String> md5s = new CopyOnWriteArrayList<>();
    private final LongAdder requests = new LongAdder();
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    private final List<String> errors = new CopyOnWriteArrayList<>();
    private final AtomicBoolean stop = new AtomicBoolean();
    private String base;

    record Sample(long seconds, long requests, long heapMiB, long committedMiB, long rssMiB, double cacheMiB,
                  double budgetMiB, long openFiles, long threads) {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 120;
        int cacheMiB = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        System.exit(new SoakBenchmark().run(seconds, cacheMiB));
    }

    private int run(int seconds, int cacheMiB) throws Exception {
        Path data = Files.createTempDirectory("sis-soak");
        Process sis = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-jar", "target/sis.jar", "-port", "0", "-host", "127.0.0.1", "-image", data.toString(),
                "-cache", Integer.toString(cacheMiB)).redirectErrorStream(true).start();
        try {
            base = "http://127.0.0.1:" + awaitPort(sis);
            System.out.printf("soak: %d s against sis pid %d (cache %d MiB, -Xmx512m), %d uploaders and %d readers%n%n",
                    seconds, sis.pid(), cacheMiB, UPLOADERS, READERS);
            List<Sample> samples = drive(sis.pid(), seconds);
            return verdict(samples, data);
        } finally {
            stop.set(true);
            sis.destroy();
            sis.waitFor();
            Folders.deleteRecursively(data);
        }
    }

    private List<Sample> drive(long pid, int seconds) throws Exception {
        List<Sample> samples = new ArrayList<>();
        long start = System.nanoTime();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < UPLOADERS; i++) {
                Random random = new Random(i);
                clients.submit(() -> uploads(random));
            }
            for (int i = 0; i < READERS; i++) {
                Random random = new Random(100 + i);
                clients.submit(() -> reads(random));
            }
            System.out.println("| time | requests | heap used | heap committed | RSS | cache / budget | open files | live threads |");
            System.out.println("|---|---|---|---|---|---|---|---|");
            samples.add(sample(pid, 0));
            long deadline = start + Duration.ofSeconds(seconds).toNanos();
            while (System.nanoTime() < deadline) {
                Thread.sleep(Math.min(SAMPLE_EVERY.toMillis(), Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
                samples.add(sample(pid, (System.nanoTime() - start) / 1_000_000_000));
            }
            stop.set(true);
        }
        return samples;
    }

    /** New images, about ten a second in all: JPEGs of 200 to 900 px, so 10 to 150 KB each. */
    private void uploads(Random random) {
        while (!stop.get()) {
            byte[] jpeg = TestImages.jpeg(200 + random.nextInt(700), 150 + random.nextInt(500), random.nextLong());
            Multipart body = new Multipart().file("file", "soak-" + random.nextInt(1_000_000) + ".jpg", jpeg);
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/v1/images"))
                    .header("Content-Type", body.contentType())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.body())).timeout(Duration.ofSeconds(30)).build();
            if (send(request, "upload", 201)) {
                md5s.add(TestImages.md5Hex(jpeg));
            }
            pause(200);
        }
    }

    /** Hot originals (cached), cold originals (from disk) and variants of random sizes. */
    private void reads(Random random) {
        while (!stop.get()) {
            int known = md5s.size();
            if (known == 0) {
                pause(50);
                continue;
            }
            int kind = random.nextInt(10);
            String md5;
            String path;
            String label;
            if (kind < 5) {
                md5 = md5s.get(random.nextInt(Math.min(known, HOT_SET)));
                path = "/v1/images/" + md5;
                label = "hot read";
            } else if (kind < 7) {
                md5 = md5s.get(random.nextInt(known));
                path = "/simple_down?md5=" + md5;
                label = "cold read";
            } else {
                md5 = md5s.get(random.nextInt(known));
                path = "/v1/images/" + md5 + "?w=" + (20 + 20 * random.nextInt(15)) + (random.nextBoolean() ? "&format=png" : "");
                label = "variant";
            }
            send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).build(), label, 200);
        }
    }

    private boolean send(HttpRequest request, String label, int expected) {
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            requests.increment();
            counts.computeIfAbsent(label, k -> new LongAdder()).increment();
            if (response.statusCode() != expected) {
                errors.add(label + " " + request.uri().getPath() + " answered " + response.statusCode());
                return false;
            }
            return true;
        } catch (IOException e) {
            if (!stop.get()) {
                errors.add(label + " " + request.uri().getPath() + ": " + e);
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private Sample sample(long pid, long seconds) throws Exception {
        String metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        double heap = sum(metrics, "jvm_memory_used_bytes\\{area=\"heap\"[^}]*}");
        double committed = sum(metrics, "jvm_memory_committed_bytes\\{area=\"heap\"[^}]*}");
        Sample s = new Sample(seconds, requests.sum(), (long) (heap / (1 << 20)), (long) (committed / (1 << 20)),
                rssKiB(pid) / 1024,
                one(metrics, "sis_cache_size_bytes") / (1 << 20), one(metrics, "sis_cache_budget_bytes") / (1 << 20),
                (long) one(metrics, "process_files_open_files"), (long) one(metrics, "jvm_threads_live_threads"));
        System.out.printf("| %d s | %,d | %d MiB | %d MiB | %d MiB | %.1f / %.0f MiB | %d | %d |%n", s.seconds(),
                s.requests(), s.heapMiB(), s.committedMiB(), s.rssMiB(), s.cacheMiB(), s.budgetMiB(), s.openFiles(), s.threads());
        return s;
    }

    private int verdict(List<Sample> samples, Path data) throws IOException {
        Sample first = samples.get(1 < samples.size() ? 1 : 0);
        Sample last = samples.getLast();
        double maxCache = samples.stream().mapToDouble(Sample::cacheMiB).max().orElse(0);
        long heapMin = samples.stream().skip(1).mapToLong(Sample::heapMiB).min().orElse(0);
        long heapMax = samples.stream().skip(1).mapToLong(Sample::heapMiB).max().orElse(0);
        long rssMax = samples.stream().mapToLong(Sample::rssMiB).max().orElse(0);
        long stored;
        try (Stream<Path> files = Files.walk(data)) {
            stored = files.filter(Files::isRegularFile).count();
        }
        System.out.printf("%nrequests: %,d in %d s (%.0f/s): %s; %d originals, %d files on disk%n", last.requests(),
                last.seconds(), last.requests() / (double) Math.max(1, last.seconds()), counts, md5s.size(), stored);
        System.out.printf("heap after the first sample: %d to %d MiB; RSS at most %d MiB; cache at most %.1f of %.0f MiB;"
                        + " open files %d → %d; live threads %d → %d (from the first sample under load to the last)%n",
                heapMin, heapMax, rssMax, maxCache, last.budgetMiB(), first.openFiles(), last.openFiles(),
                first.threads(), last.threads());
        boolean ok = true;
        if (!errors.isEmpty()) {
            System.out.println("FAIL: " + errors.size() + " errors, the first: " + errors.subList(0, Math.min(5, errors.size())));
            ok = false;
        }
        if (maxCache > last.budgetMiB()) {
            System.out.println("FAIL: the cache went over its budget");
            ok = false;
        }
        if (last.openFiles() > first.openFiles() + 10 || last.threads() > first.threads() + 10) {
            System.out.println("FAIL: open files or threads grew");
            ok = false;
        }
        System.out.println(ok ? "PASS: no errors, cache within budget, no fd or thread growth" : "soak failed");
        return ok ? 0 : 1;
    }

    private static double one(String metrics, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + "(?:\\{[^}]*})? ([0-9.E+-]+)$").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }

    private static double sum(String metrics, String series) {
        Matcher m = Pattern.compile("(?m)^" + series + " ([0-9.E+-]+)$").matcher(metrics);
        double total = 0;
        while (m.find()) {
            total += Double.parseDouble(m.group(1));
        }
        return total;
    }

    private static long rssKiB(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    private static int awaitPort(Process sis) throws IOException {
        BufferedReader log = new BufferedReader(new InputStreamReader(sis.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = log.readLine()) != null) {
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                int port = Integer.parseInt(m.group(1));
                Thread.ofPlatform().daemon().start(() -> drain(log));
                return port;
            }
        }
        throw new IllegalStateException("sis exited before it listened");
    }

    private static void drain(BufferedReader log) {
        try {
            while (log.readLine() != null) {
                // The server's log is not needed; reading it keeps the pipe from filling.
            }
        } catch (IOException ended) {
            // The server stopped.
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
