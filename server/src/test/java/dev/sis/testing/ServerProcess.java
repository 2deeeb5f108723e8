package dev.sis.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * sis as a real child process ({@code java … dev.sis.Main FLAGS}) on the test classpath, with
 * the production logging configuration unless the flags choose another. Its log lines are
 * collected; the port is read from the start-up block. Close it to kill the process.
 */
public final class ServerProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on:\\s+\\S+:(\\d+)");
    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private volatile int port;
    private boolean reading = true;

    /**
     * A bound for a process that never listens, not a pace: on two cores under a load of 15 a
     * child JVM has been seen to take most of a minute before its first log line.
     */
    private static final long START_TIMEOUT_SECONDS = 180;

    private ServerProcess(Process process) throws IOException {
        this.process = process;
        // A process that never says where it listens is killed, so the read below ends.
        Thread watchdog = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(START_TIMEOUT_SECONDS * 1000);
                if (port() <= 0) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException started) {
                // Listening in time.
            }
        });
        BufferedReader log = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        int found = -1;
        String line;
        while (found < 0 && (line = log.readLine()) != null) {
            lines.add(line);
            Matcher m = LISTENING.matcher(line.replace("\\n", "\n"));
            if (m.find()) {
                found = Integer.parseInt(m.group(1));
            }
        }
        if (found < 0) {
            throw new IllegalStateException("sis exited before it listened: " + lines);
        }
        port = found;
        watchdog.interrupt();
        Thread drainer = new Thread(() -> {
            try {
                String more;
                while ((more = log.readLine()) != null) {
                    lines.add(more);
                    awaitReading();
                }
            } catch (IOException ended) {
                // The process ended.
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            }
        });
        drainer.setDaemon(true);
        drainer.start();
    }

    /** The flags of a store-mode sis on a free loopback port over {@code dataDir}, then {@code more}. */
    public static List<String> loopbackStore(java.nio.file.Path dataDir, String... more) {
        List<String> flags = new ArrayList<>(List.of("-port", "0", "-host", "127.0.0.1", "-image", dataDir.toString()));
        flags.addAll(List.of(more));
        return flags;
    }

    /**
     * Starts {@code java [jvmOptions] dev.sis.Main [flags]} and waits until it listens. Without
     * the start-up warm-up unless the flags ask for one ({@code SIS_WARM_UP=0}, which a
     * {@code --warm-up} flag overrides): on a shared machine its seconds of load would slow
     * every process test, and only dev.sis.WarmUpTest is about it.
     */
    public static ServerProcess start(List<String> jvmOptions, List<String> flags) throws IOException {
        return new ServerProcess(withoutWarmUp(new ProcessBuilder(command(jvmOptions, flags))).redirectErrorStream(true)
                .start());
    }

    private static ProcessBuilder withoutWarmUp(ProcessBuilder builder) {
        builder.environment().put("SIS_WARM_UP", "0");
        return builder;
    }

    /**
     * As {@link #start}, in a process whose file-descriptor limit is {@code limit} (set by the
     * shell's {@code ulimit -n} before it becomes java), for tests of what runs out of descriptors.
     */
    public static ServerProcess startWithFileLimit(int limit, List<String> jvmOptions, List<String> flags)
            throws IOException {
        List<String> command = new ArrayList<>(List.of("sh", "-c", "ulimit -n " + limit + " && exec \"$0\" \"$@\""));
        command.addAll(command(jvmOptions, flags));
        return new ServerProcess(withoutWarmUp(new ProcessBuilder(command)).redirectErrorStream(true).start());
    }

    /** The command line of {@code java [jvmOptions] dev.sis.Main [flags]}, for a run that is not expected to listen. */
    public static List<String> command(List<String> jvmOptions, List<String> flags) {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("-Dlogback.configurationFile=sis-logback.xml");
        // As the jar's manifest does (Enable-Native-Access): libwebp's encoder and libvips.
        command.add("--enable-native-access=ALL-UNNAMED");
        command.addAll(jvmOptions);
        command.add("dev.sis.Main");
        command.addAll(flags);
        return command;
    }

    /** Starts {@code builder}'s command, a sis server however it is launched, and waits until it listens. */
    public static ServerProcess start(ProcessBuilder builder) throws IOException {
        return new ServerProcess(builder.redirectErrorStream(true).start());
    }

    public Process process() {
        return process;
    }

    public int port() {
        return port;
    }

    /**
     * Stops reading the process's output, as a stuck log collector would: once the pipe's buffer
     * (64 KiB on Linux) and this side's are full, the process's writes to stdout and stderr block.
     */
    public synchronized void stopReadingLog() {
        reading = false;
    }

    /** Reads the process's output again after {@link #stopReadingLog()}. */
    public synchronized void resumeReadingLog() {
        reading = true;
        notifyAll();
    }

    private synchronized void awaitReading() throws InterruptedException {
        while (!reading) {
            wait();
        }
    }

    /** Every line the process has logged so far. */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
