package dev.sis.service;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What spooling an upload costs, on 512 KiB held in memory: the MD5 alone, the file write alone
 * (no fsync: the store fsyncs later, once), and {@link Spooler#spool}, which does both in one pass.
 * If spooling costs about the sum of the first two, the single pass adds nothing of its own.
 *
 * <p>Run from the repository root (about 1 minute):
 * <pre>{@code
 * ./mvnw -B -q -Pbench test-compile exec:exec@jmh -Djmh.args='Md5Benchmark'
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class Md5Benchmark {
    private static final int SIZE = 512 * 1024;
    private byte[] bytes;
    private Path file;

    @Setup
    public void prepare() throws IOException {
        bytes = new byte[SIZE];
        new Random(1).nextBytes(bytes);
        file = Files.createTempFile("sis-md5-bench", ".tmp");
    }

    @TearDown
    public void remove() throws IOException {
        Files.deleteIfExists(file);
    }

    @Benchmark
    public byte[] md5Only() throws NoSuchAlgorithmException {
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        md5.update(bytes);
        return md5.digest();
    }

    @Benchmark
    public Path writeOnly() throws IOException {
        return Files.write(file, bytes);
    }

    @Benchmark
    public Spooler.Spooled spool() throws IOException {
        return Spooler.spool(new ByteArrayInputStream(bytes), file);
    }
}
