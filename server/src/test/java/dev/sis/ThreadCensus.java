package dev.sis;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ForkJoinWorkerThread;

/**
 * The platform threads alive at one moment, to find those started since that are still running.
 * The JDK's shared threads are left out: they serve every caller and outlive any one of them
 * (the virtual-thread carriers and the common pool are {@link ForkJoinWorkerThread}s, with a
 * delay scheduler each; the poller, unblocker and cleaner are in the JDK's innocuous thread
 * group, Java2D's disposer in its system group). So are native threads that called into Java
 * once (an FFM upcall: libvips' workers read the file that way) and that the JVM lists from then
 * on, with no Java frame: they belong to the library, which is shared by every server in the JVM
 * and keeps them idle up to 15 s; and so is the thread that keeps them from their idle exit on
 * libvips 8.14 ({@code sis-libvips-idle-workers}), started once with the library.
 */
final class ThreadCensus {
    /** How long a thread that was told to stop may take to end; a bound for a hang, not a measure. */
    private static final Duration ENDING = Duration.ofSeconds(10);

    private final Set<Thread> alive;

    private ThreadCensus(Set<Thread> alive) {
        this.alive = alive;
    }

    static ThreadCensus take() {
        return new ThreadCensus(Set.copyOf(Thread.getAllStackTraces().keySet()));
    }

    /**
     * The threads started since {@link #take()} that are still running. A stopping executor may
     * have told its thread to end without waiting for it: each is given {@link #ENDING} to end.
     */
    List<String> startedSinceAndStillRunning() throws InterruptedException {
        for (Thread t : newThreads()) {
            t.join(ENDING);
        }
        return startedSince();
    }

    /** The threads started since {@link #take()} that are running now, without waiting. */
    List<String> startedSince() {
        return newThreads().stream().map(t -> t.getName() + (t.isDaemon() ? " (daemon)" : "")).toList();
    }

    private List<Thread> newThreads() {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(e -> e.getValue().length > 0 || e.getKey().getState() != Thread.State.RUNNABLE) // not a native thread
                .map(java.util.Map.Entry::getKey)
                .filter(t -> !alive.contains(t) && t.isAlive() && !shared(t))
                .toList();
    }

    private static boolean shared(Thread t) {
        ThreadGroup group = t.getThreadGroup();
        return t instanceof ForkJoinWorkerThread
                || t.getName().equals("sis-libvips-idle-workers")
                || t.getClass().getName().equals("java.util.concurrent.DelayScheduler")
                || group != null && (group.getName().equals("InnocuousThreadGroup") || group.getName().equals("system"));
    }
}
