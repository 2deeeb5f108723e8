package dev.sis.image;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * Keeps libvips' idle worker threads from ever reaching their idle exit, on the libvips versions
 * where that exit can corrupt the native heap ({@link #AFFECTED}: before 8.15.4).
 *
 * <p>libvips runs every computation on the threads of one process-wide set. In 8.14 a thread
 * left idle for 15 s leaves the set and frees itself; if a new task takes that thread from the
 * idle list in the instant between its timeout and its removal, the task is lost (the libvips
 * call waits for ever) and the caller posts to the freed thread's semaphore: a write to freed
 * memory, found by glibc as {@code malloc_consolidate(): unaligned fastbin chunk detected} or as
 * a crash in {@code g_mutex_lock} (libvips 8.15.4 rewrote the set: "threadset: fix a race
 * condition during thread exit"). Any variant request made about 15 s after the previous one
 * can hit it, so an attacker can try as often as he likes: a denial of service.
 *
 * <p>The exit cannot be turned off from outside, so sis removes its trigger: every
 * {@link #PERIOD}, a daemon thread counts the idle libvips threads (those waiting in the timed
 * wait that only an idle thread makes, as {@code /proc/self/task/TID/syscall} shows) and hands
 * each of them a task at once: a libvips computation over one tile per idle thread whose tiles
 * wait for each other, so that every idle thread, not the same one again, takes one (and again
 * for those a concurrent call made it miss). An idle thread then never waits much more than
 * {@link #PERIOD} and never exits. Threads stay as many as the busiest moment needed. Off Linux
 * (no {@code /proc}), or on a processor whose futex system call number it does not know, nothing
 * is done and a warning says so.
 * bench/vips-stress.sh shows the race (with a shim that shortens the idle wait) and counts
 * the idle exits; docs/reliability.md has its figures.
 */
final class VipsIdleWorkers {
    private static final Logger LOG = LoggerFactory.getLogger(VipsIdleWorkers.class);
    /** The first libvips with the thread set rewritten (8.15.4: "threadset: fix a race condition during thread exit"). */
    static final int[] AFFECTED = {8, 15, 4};
    /** How often the idle threads are given a task: far under libvips' 15 s idle exit, so a late round is still in time. */
    static final Duration PERIOD = Duration.ofSeconds(2);
    /**
     * The most threads one pool holds. A pool's first workers are 1 + concurrency / 2 and libvips
     * takes a concurrency below 100 from an image: 50 at most. More idle threads are held by
     * several pools at once, each run from a thread of its own.
     */
    static final int POOL_MOST = 50;
    /** The futex system call's number on this machine ({@code /proc/…/syscall} gives numbers), or null. */
    private static final String FUTEX = switch (System.getProperty("os.arch")) {
        case "amd64", "x86_64" -> "202";
        case "aarch64" -> "98";
        default -> null;
    };
    /** The name libvips gives its threads ({@code vips_g_thread_new}), as the kernel keeps it. */
    static final String THREAD_NAME = "libvips worker";
    /** How long a tile waits for the others: a bound for a thread that could not be started, not a measure. */
    private static final Duration GATHERING = Duration.ofMillis(200);
    private static final int TILE = 16;
    /** Rounds of holding in one {@link #PERIOD}, until no thread idle at its start has been missed. */
    private static final int ATTEMPTS = 3;

    private final MethodHandle black;
    private final MethodHandle setInt;
    private final MethodHandle sinkTile;
    private final MethodHandle errorClear;
    private final MethodHandle gObjectUnref;
    private final MemorySegment onTile;
    private volatile CountDownLatch gathering = new CountDownLatch(0);

    private VipsIdleWorkers(SymbolLookup lib, Linker linker) throws ReflectiveOperationException {
        // int vips_black(VipsImage **out, int width, int height, ...)
        this.black = linker.downcallHandle(LibVips.find(lib, "vips_black"),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS), Linker.Option.firstVariadicArg(3));
        // void vips_image_set_int(VipsImage *image, const char *name, int i)
        this.setInt = linker.downcallHandle(LibVips.find(lib, "vips_image_set_int"),
                FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, JAVA_INT));
        // int vips_sink_tile(VipsImage *im, int tile_width, int tile_height, VipsStartFn, VipsGenerateFn, VipsStopFn, void *a, void *b)
        this.sinkTile = linker.downcallHandle(LibVips.find(lib, "vips_sink_tile"),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
        this.errorClear = linker.downcallHandle(LibVips.find(lib, "vips_error_clear"), FunctionDescriptor.ofVoid());
        this.gObjectUnref = linker.downcallHandle(LibVips.find(lib, "g_object_unref"), FunctionDescriptor.ofVoid(ADDRESS));
        // int generate(VipsRegion *out, void *seq, void *a, void *b, gboolean *stop)
        MethodHandle tile = MethodHandles.lookup().findVirtual(VipsIdleWorkers.class, "onTile", MethodType.methodType(
                int.class, MemorySegment.class, MemorySegment.class, MemorySegment.class, MemorySegment.class,
                MemorySegment.class)).bindTo(this);
        this.onTile = linker.upcallStub(tile, FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS),
                Arena.global());
    }

    /**
     * Starts the keeper's daemon thread when {@code version} is {@linkplain #affected affected}
     * and this system lists its threads' system calls; else does nothing.
     */
    static void keepIfAffected(SymbolLookup lib, Linker linker, String version) throws ReflectiveOperationException {
        if (!affected(version)) {
            return;
        }
        if (FUTEX == null || !Files.isReadable(Path.of("/proc/self/task"))) {
            LOG.warn("libvips {} can crash when one of its idle threads exits as a task comes (fixed in 8.15.4);"
                    + " its threads cannot be seen here ({}, no /proc), so they are not kept from exiting", version,
                    System.getProperty("os.arch"));
            return;
        }
        VipsIdleWorkers workers = new VipsIdleWorkers(lib, linker);
        Thread.ofPlatform().daemon().name("sis-libvips-idle-workers").start(workers::keep);
    }

    /** Whether libvips {@code version} (e.g. {@code 8.14.1}) is older than {@link #AFFECTED}. */
    static boolean affected(String version) {
        String[] parts = version.split("[.-]");
        for (int i = 0; i < AFFECTED.length; i++) {
            int part = i < parts.length && parts[i].matches("\\d+") ? Integer.parseInt(parts[i]) : 0;
            if (part != AFFECTED[i]) {
                return part < AFFECTED[i];
            }
        }
        return false;
    }

    private void keep() {
        while (true) {
            try {
                Thread.sleep(PERIOD);
                keepOnce();
            } catch (InterruptedException e) {
                return;
            } catch (Throwable e) {
                LOG.warn("could not keep libvips' idle threads busy", e);
            }
        }
    }

    /**
     * One round: holds as many libvips threads as are idle. libvips hands out its most recently
     * idle thread first, so a call that frees a thread while the round starts its tasks makes the
     * round take that one and miss the oldest: the threads idle at the start that have not woken
     * since (their count of voluntary context switches unchanged) are held again, up to
     * {@link #ATTEMPTS} times.
     */
    private void keepOnce() throws Throwable {
        Map<String, Long> untouched = idleWorkers();
        for (int attempt = 0; attempt < ATTEMPTS && !untouched.isEmpty(); attempt++) {
            hold(idleWorkers().size());
            Map<String, Long> now = idleWorkers();
            untouched.entrySet().removeIf(thread -> !thread.getValue().equals(now.get(thread.getKey())));
        }
    }

    /** The libvips threads of this process that wait for work now, by id, with their count of voluntary context switches. */
    private static Map<String, Long> idleWorkers() throws IOException {
        Map<String, Long> idle = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    if (Files.readString(task.resolve("comm")).strip().equals(THREAD_NAME)
                            && waitsWithTimeout(Files.readString(task.resolve("syscall")), FUTEX)) {
                        idle.put(task.getFileName().toString(), voluntarySwitches(Files.readString(task.resolve("status"))));
                    }
                } catch (IOException ended) {
                    // the thread ended meanwhile
                }
            }
        }
        return idle;
    }

    /** The {@code voluntary_ctxt_switches} of a {@code /proc/…/status} text: it grows each time the thread sleeps again. */
    static long voluntarySwitches(String status) {
        return status.lines().filter(line -> line.startsWith("voluntary_ctxt_switches:"))
                .mapToLong(line -> Long.parseLong(line.substring(line.indexOf(':') + 1).strip()))
                .findFirst().orElse(-1);
    }

    /**
     * Whether a thread's {@code /proc/…/syscall} line shows GLib's timed wait: a futex wait
     * ({@code 202}, {@code FUTEX_WAIT_PRIVATE}) with a timeout. libvips 8.14 makes one timed
     * wait only, that of an idle thread for work ({@code vips_semaphore_down_timeout}); a busy
     * thread that waits for a lock has no timeout, and the threads that a codec starts from a
     * libvips thread (libwebp's), which inherit its name, wait through pthreads' other futex
     * operations.
     */
    static boolean waitsWithTimeout(String syscall, String futex) {
        List<String> fields = List.of(syscall.strip().split(" "));
        return fields.size() > 4 && fields.get(0).equals(futex) && fields.get(2).equals("0x80")
                && !fields.get(4).equals("0x0");
    }

    /**
     * Hands a task to {@code threads} libvips threads at once, in pools of at most
     * {@link #POOL_MOST}, the others run from short-lived threads of their own: all the tiles wait
     * for each other.
     */
    private void hold(int threads) throws Throwable {
        if (threads < 1) {
            return;
        }
        CountDownLatch round = new CountDownLatch(threads);
        gathering = round;
        List<Thread> others = new ArrayList<>();
        for (int rest = threads - POOL_MOST; rest > 0; rest -= POOL_MOST) {
            int pool = Math.min(rest, POOL_MOST);
            others.add(Thread.ofPlatform().daemon().name("sis-libvips-idle-workers").start(() -> {
                try {
                    holdInOnePool(pool);
                } catch (Throwable e) {
                    LOG.warn("could not keep libvips' idle threads busy", e);
                }
            }));
        }
        holdInOnePool(Math.min(threads, POOL_MOST));
        for (Thread other : others) {
            other.join();
        }
    }

    /**
     * Holds {@code threads} libvips threads: a pool with that many first workers (concurrency
     * 2 × (threads − 1)) over an image of that many tiles, each tile waiting until the round's
     * threads have all started (or {@link #GATHERING}), then failing, so that the pool stops
     * without starting more workers.
     */
    private void holdInOnePool(int threads) throws Throwable {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(ADDRESS);
            out.set(ADDRESS, 0, MemorySegment.NULL);
            if ((int) black.invokeExact(out, TILE * threads, TILE, MemorySegment.NULL) != 0) {
                errorClear.invokeExact();
                return;
            }
            MemorySegment image = out.get(ADDRESS, 0);
            try {
                setInt.invokeExact(image, arena.allocateFrom("concurrency"), Math.max(1, 2 * (threads - 1)));
                // fails as meant (every tile does), with nothing in libvips' error buffer
                int failedAsMeant = (int) sinkTile.invokeExact(image, TILE, TILE, MemorySegment.NULL, onTile,
                        MemorySegment.NULL, MemorySegment.NULL, MemorySegment.NULL);
            } finally {
                gObjectUnref.invokeExact(image);
            }
        }
    }

    /** A tile, on a libvips thread: waits for the other threads of the round, then stops the pool. */
    private int onTile(MemorySegment region, MemorySegment sequence, MemorySegment a, MemorySegment b,
                       MemorySegment stop) {
        try {
            CountDownLatch round = gathering;
            round.countDown();
            round.await(GATHERING.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Throwable e) {
            // never throw into libvips (an exception in an upcall ends the JVM)
        }
        return -1;
    }
}
