package dev.sis.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A small tmpfs mounted for a test, to make a store that fills up or turns read-only for real
 * (file permissions cannot be relied on: tests run as root, which ignores them). Needs root: a
 * test that mounts one says so with {@code @Requires(TMPFS_MOUNT)}. Unmounted on close.
 */
final class TmpfsMount implements AutoCloseable {
    private final Path dir;

    private TmpfsMount(Path dir) {
        this.dir = dir;
    }

    /** Mounts a tmpfs of {@code size} (as mount takes it, e.g. {@code 2m}) on the existing {@code dir}. */
    static TmpfsMount mount(Path dir, String size) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        run("mount", "-t", "tmpfs", "-o", "size=" + size + ",mode=0755", "tmpfs", dir.toString());
        return new TmpfsMount(dir);
    }

    Path dir() {
        return dir;
    }

    void remountReadOnly() throws IOException, InterruptedException {
        run("mount", "-o", "remount,ro", dir.toString());
    }

    void remountWritable() throws IOException, InterruptedException {
        run("mount", "-o", "remount,rw", dir.toString());
    }

    /** Free bytes left on the file system. */
    long usableSpace() throws IOException {
        return Files.getFileStore(dir).getUsableSpace();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            run("umount", dir.toString());
        } catch (IllegalStateException busy) {
            run("umount", "-l", dir.toString());
        }
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish");
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", new ArrayList<>(List.of(command))) + " failed ("
                    + process.exitValue() + "): " + output.strip() + ". These tests need root, to mount a small tmpfs.");
        }
    }
}
