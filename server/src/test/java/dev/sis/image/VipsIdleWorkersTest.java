package dev.sis.image;

import dev.sis.client.Fit;
import dev.sis.config.ImageLimits;
import dev.sis.testing.Prerequisite;
import dev.sis.testing.Requires;
import dev.sis.testing.Slow;
import dev.sis.testing.TestImages;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * libvips 8.14's idle worker threads never reach their 15 s idle exit, whose race with a new task
 * corrupts the native heap ({@link VipsIdleWorkers}); bench/vips-stress.sh shows the race itself.
 */
@Slow
class VipsIdleWorkersTest {
    /** Past libvips' idle exit (15 s), with room for a late exit on a busy machine. */
    private static final Duration PAST_IDLE_EXIT = Duration.ofSeconds(20);
    private static final String KEEPER = "sis-libvips-idle-workers";
    private static final String X86_64_FUTEX = "202";

    @Test
    @Requires(Prerequisite.LIBVIPS)
    void theThreadsOfAVariantAreStillThereAfterLibvipsIdleExit() throws Exception {
        StringBuilder why = new StringBuilder();
        VipsImageEngine engine = VipsImageEngine.load(ImageLimits.defaults(), why).orElseThrow();
        byte[] jpeg = TestImages.jpeg(640, 480);
        // many at once, for more idle threads than one pool of the keeper holds (50)
        List<Thread> callers = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            callers.add(Thread.ofPlatform().start(() -> engine.makeVariant(new ByteArrayInputStream(jpeg),
                    new VariantSpec(100, 75, Fit.CONTAIN, ImageFormat.JPEG, 85))));
        }
        for (Thread caller : callers) {
            caller.join();
        }
        Set<String> after = libvipsThreads();
        assertFalse(after.isEmpty(), "libvips made the variant on threads of its own");
        String version = LibVips.load(new StringBuilder()).orElseThrow().version();
        if (!VipsIdleWorkers.affected(version)) {
            assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().equals(KEEPER)),
                    "libvips " + version + " has its thread set fixed: nothing to keep");
            return;
        }

        Thread.sleep(PAST_IDLE_EXIT);

        Set<String> later = libvipsThreads();
        assertTrue(later.containsAll(after), after.size() + " threads " + after + " are all still there: " + later);
    }

    @Test
    void libvipsBefore8_15_4IsAffected() {
        assertTrue(VipsIdleWorkers.affected("8.14.1"));
        assertTrue(VipsIdleWorkers.affected("8.15.3"));
        assertTrue(VipsIdleWorkers.affected("8.13.0-rc1"));
        assertFalse(VipsIdleWorkers.affected("8.15.4"));
        assertFalse(VipsIdleWorkers.affected("8.16.0"));
        assertFalse(VipsIdleWorkers.affected("9.0.0"));
    }

    @Test
    void anIdleThreadWaitsOnAFutexWithATimeoutAndABusyOneDoesNot() {
        // as /proc/self/task/TID/syscall shows them: number, six arguments, stack pointer, program counter
        assertTrue(VipsIdleWorkers.waitsWithTimeout(
                "202 0x7f42440ad678 0x80 0x1b 0x7f422fdffe20 0x0 0xe 0x7f422fdffdf8 0x7f4299c23829\n", X86_64_FUTEX));
        assertFalse(VipsIdleWorkers.waitsWithTimeout(
                "202 0x7f42440ad678 0x80 0x2 0x0 0x0 0xe 0x7f422fdffdf8 0x7f4299c23829\n", X86_64_FUTEX), "a lock: no timeout");
        assertFalse(VipsIdleWorkers.waitsWithTimeout(
                "202 0x7f42981ff990 0x189 0x0 0x7f422fdffe20 0x0 0xffffffff 0x7ffc226ae810 0x7f4299ba7f16\n", X86_64_FUTEX),
                "pthreads' timed wait (a codec's thread with the inherited name)");
        assertFalse(VipsIdleWorkers.waitsWithTimeout("running\n", X86_64_FUTEX));
        assertFalse(VipsIdleWorkers.waitsWithTimeout("0 0x3 0x7f00 0x1000 0x0 0x0 0x0 0x7ffc 0x7f42\n", X86_64_FUTEX), "a read");
    }

    @Test
    void aThreadsVoluntarySwitchesAreReadFromItsStatus() {
        assertEquals(4711, VipsIdleWorkers.voluntarySwitches(
                "Name:\tlibvips worker\nState:\tS (sleeping)\nvoluntary_ctxt_switches:\t4711\nnonvoluntary_ctxt_switches:\t3\n"));
        assertEquals(-1, VipsIdleWorkers.voluntarySwitches("Name:\tlibvips worker\n"));
    }

    /** The ids of this process's libvips threads. */
    static Set<String> libvipsThreads() throws IOException {
        Set<String> ids = new TreeSet<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    if (Files.readString(task.resolve("comm")).strip().equals(VipsIdleWorkers.THREAD_NAME)) {
                        ids.add(task.getFileName().toString());
                    }
                } catch (IOException ended) {
                    // the thread ended meanwhile
                }
            }
        }
        return ids;
    }
}
