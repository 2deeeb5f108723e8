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
 * group, Java2D's disposer in its system group).
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
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !alive.contains(t) && t.isAlive() && !sharedByTheJdk(t))
                .toList();
    }

    private static boolean sharedByTheJdk(Thread t) {
        ThreadGroup group = t.getThreadGroup();
        return t instanceof ForkJoinWorkerThread
                || t.getClass().getName().equals("java.util.concurrent.DelayScheduler")
                || group != null && (group.getName().equals("InnocuousThreadGroup") || group.getName().equals("system"));
    }
}
