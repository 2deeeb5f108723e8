package dev.sis.storage.local;

import dev.sis.storage.Folders;
import dev.sis.model.FileName;
import dev.sis.model.Md5;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * What every cached read pays to check that its original still exists (so that a DELETE is never
 * undone by a cache): {@link LocalImageStore#exists} as it is (one {@code stat} of the name it
 * last found), against the directory listing it did before (open, read, close the {@code src}
 * directory).
 *
 * <p>Run from the repository root (about 1 minute):
 * <pre>{@code
 * ./mvnw -B -q -Pbench test-compile exec:exec@jmh -Djmh.args='ExistsBenchmark'
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ExistsBenchmark {
    private Path root;
    private LocalImageStore store;
    private Md5 md5;
    private Path originals;

    @Setup
    public void store() throws IOException {
        root = Files.createTempDirectory("sis-exists-bench");
        store = LocalImageStore.open(root);
        byte[] bytes = {1, 2, 3};
        md5 = new Md5("5289df737df57326fcdd22597afb1fac");
        Path staged = store.newStagingFile();
        Files.write(staged, bytes);
        store.putOriginal(md5, new FileName("a.jpg"), staged);
        originals = root.resolve("52/89/" + md5.hex() + "/src");
        store.exists(md5);
    }

    @TearDown
    public void remove() throws IOException {
        Folders.deleteRecursively(root);
    }

    @Benchmark
    public boolean statOfAKnownName() throws IOException {
        return store.exists(md5);
    }

    @Benchmark
    public boolean directoryListing() throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(originals)) {
            return entries.iterator().hasNext();
        }
    }
}
