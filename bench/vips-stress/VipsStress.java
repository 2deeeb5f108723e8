import dev.sis.config.ImageLimits;
import dev.sis.image.Fit;
import dev.sis.image.ImageFormat;
import dev.sis.image.PreparedVariant;
import dev.sis.image.VariantSpec;
import dev.sis.image.VipsImageEngine;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One round of bench/vips-stress.sh, in a JVM of its own: THREADS threads make libvips variants
 * through sis's own engine (its public API) for SECONDS seconds, from the corpus's JPEG, PNG and
 * WebP files, truncated and corrupted copies of them, and with deadlines of 1 to 40 ms on one call
 * in three, so that the decoder's input ends and the computation is killed mid-way. Calls come in
 * bursts with pauses of 0 to PAUSE_MS ms between them, so that libvips' idle worker threads exit
 * and are started again all the time. A watchdog ends the round with status 3 when no call has
 * finished for 60 s (a lost task hangs a libvips call for ever). Prints one line of counts,
 * with the libvips threads that left by their idle exit during the round (seen idle in /proc,
 * gone 50 ms later): each is one chance for libvips 8.14's race.
 *
 * <p>Usage: java -cp sis.jar VipsStress.java CORPUS_DIR THREADS SECONDS PAUSE_MS
 */
public final class VipsStress {
    public static void main(String[] args) throws Exception {
        Path corpus = Path.of(args[0]);
        int threads = Integer.parseInt(args[1]);
        long seconds = Long.parseLong(args[2]);
        int pauseMs = Integer.parseInt(args[3]);
        List<byte[]> inputs = inputs(corpus);
        ImageLimits limits = ImageLimits.defaults();
        StringBuilder why = new StringBuilder();
        VipsImageEngine normal = VipsImageEngine.load(limits, why).orElseThrow(() -> new IllegalStateException(why.toString()));
        VipsImageEngine[] hurried = new VipsImageEngine[40];
        for (int ms = 1; ms <= hurried.length; ms++) {
            hurried[ms - 1] = VipsImageEngine.load(limits.withDecodeTimeout(Duration.ofMillis(ms)), why).orElseThrow();
        }
        AtomicLong made = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        AtomicLong lastDone = new AtomicLong(System.nanoTime());
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread worker = Thread.ofPlatform().name("stress-" + t).start(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                while (System.nanoTime() < end) {
                    byte[] input = inputs.get(random.nextInt(inputs.size()));
                    VipsImageEngine engine = random.nextInt(3) == 0 ? hurried[random.nextInt(hurried.length)] : normal;
                    ImageFormat[] formats = {ImageFormat.JPEG, ImageFormat.PNG, ImageFormat.WEBP};
                    VariantSpec spec = new VariantSpec(16 + random.nextInt(600), 16 + random.nextInt(600),
                            Fit.values()[random.nextInt(Fit.values().length)], formats[random.nextInt(3)], 80);
                    try (PreparedVariant variant = engine.prepare(new ByteArrayInputStream(input), input.length, spec)) {
                        variant.make();
                        made.incrementAndGet();
                    } catch (RuntimeException refusedOrBroken) {
                        refused.incrementAndGet();
                    }
                    lastDone.set(System.nanoTime());
                    if (pauseMs > 0 && random.nextInt(4) == 0) {
                        sleep(random.nextInt(pauseMs + 1));
                    }
                }
            });
            workers.add(worker);
        }
        Thread watchdog = Thread.ofPlatform().daemon().start(() -> {
            while (true) {
                sleep(1000);
                if (System.nanoTime() - lastDone.get() > Duration.ofSeconds(60).toNanos()) {
                    System.out.println("HANG: no call finished for 60 s; made " + made + ", refused " + refused);
                    Thread.getAllStackTraces().forEach((thread, stack) -> {
                        if (thread.getName().startsWith("stress-")) {
                            System.out.println(thread.getName() + " " + Arrays.toString(stack));
                        }
                    });
                    System.exit(3);
                }
            }
        });
        // an idle thread that is gone at the next look (not merely busy again) left by its idle exit
        Set<String> idle = new HashSet<>();
        long exits = 0;
        while (workers.stream().anyMatch(Thread::isAlive)) {
            for (String id : idle) {
                exits += Files.exists(Path.of("/proc/self/task", id)) ? 0 : 1;
            }
            idle = idleLibvipsThreads();
            Thread.sleep(50);
        }
        System.out.println("made " + made + ", refused " + refused + ", inputs " + inputs.size()
                + ", libvips thread exits " + exits + ", idle libvips threads at the end " + idleLibvipsThreads().size());
        System.exit(0);
    }

    /** The corpus's JPEG, PNG and WebP files, each also cut at 10%, 50% and 90%, and with 64 bytes flipped. */
    private static List<byte[]> inputs(Path corpus) throws Exception {
        List<byte[]> inputs = new ArrayList<>();
        Random random = new Random(14);
        try (var files = Files.list(corpus)) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                if (!name.matches(".*\\.(jpg|png|webp)") || Files.size(file) > 8 << 20) {
                    continue;
                }
                byte[] whole = Files.readAllBytes(file);
                inputs.add(whole);
                for (int percent : new int[] {10, 50, 90}) {
                    inputs.add(Arrays.copyOf(whole, whole.length * percent / 100));
                }
                byte[] corrupted = whole.clone();
                for (int i = 0; i < 64; i++) {
                    int at = 1024 + random.nextInt(Math.max(1, corrupted.length - 1024));
                    corrupted[Math.min(at, corrupted.length - 1)] ^= (byte) (1 + random.nextInt(255));
                }
                inputs.add(corrupted);
            }
        }
        return inputs;
    }

    /** The ids of this process's idle libvips threads, as /proc shows them. */
    private static Set<String> idleLibvipsThreads() throws IOException {
        Set<String> ids = new HashSet<>();
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    // waiting for work: GLib's timed futex wait (libwebp's threads inherit the name, not the wait)
                    String[] call = Files.readString(task.resolve("syscall")).strip().split(" ");
                    if (Files.readString(task.resolve("comm")).strip().equals("libvips worker")
                            && call.length > 4 && call[0].equals("202") && call[2].equals("0x80") && !call[4].equals("0x0")) {
                        ids.add(task.getFileName().toString());
                    }
                } catch (IOException ended) {
                    // gone meanwhile: counted as an exit next time
                }
            }
        }
        return ids;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
