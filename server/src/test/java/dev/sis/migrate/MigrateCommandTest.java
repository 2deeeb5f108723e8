package dev.sis.migrate;

import dev.sis.storage.Blob;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.SisCommandLine;
import dev.sis.config.StoreLocation;
import dev.sis.model.FileName;
import dev.sis.model.Md5;
import dev.sis.storage.ImageStore;
import dev.sis.storage.local.LocalImageStore;
import dev.sis.storage.s3.S3ImageStore;
import dev.sis.testing.S3TestServer;
import dev.sis.testing.TestImages;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sis migrate} from a generated sis 2.0 data directory (with a file whose content does
 * not match its MD5 folders) into a local store and into S3, twice: the second run copies nothing.
 */
class MigrateCommandTest {
    @TempDir
    Path sis2;
    @TempDir
    Path work;

    private final byte[] jpeg = TestImages.jpeg(40, 30, 1);
    private final byte[] png = TestImages.png(20, 10);
    private final byte[] gif = TestImages.gif(8, 8);
    private Path mismatch;

    /** Runs the command; answers its exit code, stdout and stderr. */
    record Run(int code, String out, String err) {
    }

    static Run migrate(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> line = new ArrayList<>(List.of(MigrateCommand.NAME));
        line.addAll(List.of(args));
        int code = SisCommandLine.run(line.toArray(String[]::new), Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), config -> {
                    throw new AssertionError("sis migrate does not serve");
                });
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** A sis 2.0 directory: 3 images under 4 names, one file whose content is not its MD5's, a stray file. */
    private void writeSis2Directory() throws IOException {
        putSis2(jpeg, "cat.jpg");
        putSis2(jpeg, "same cat.jpg");
        putSis2(png, "dot.png");
        putSis2(gif, "anim.gif");
        mismatch = putSis2Under(TestImages.md5Hex(new byte[] {1, 2, 3}), "liar.png", png);
        Files.writeString(sis2.resolve("README.txt"), "not an image");
    }

    private void putSis2(byte[] bytes, String name) throws IOException {
        putSis2Under(TestImages.md5Hex(bytes), name, bytes);
    }

    private Path putSis2Under(String hex, String name, byte[] bytes) throws IOException {
        Path dir = sis2;
        for (char c : hex.toCharArray()) {
            dir = dir.resolve(String.valueOf(c));
        }
        Path file = Files.createDirectories(dir.resolve("src")).resolve(name);
        return Files.write(file, bytes);
    }

    private void checkDestination(ImageStore store) throws IOException {
        assertThat(store.names(md5(jpeg))).extracting(FileName::value).containsExactly("cat.jpg", "same cat.jpg");
        assertThat(store.original(md5(png), new FileName("dot.png")).orElseThrow().readAll()).isEqualTo(png);
        assertThat(store.original(md5(gif), new FileName("anim.gif")).orElseThrow().readAll()).isEqualTo(gif);
        assertThat(store.names(new Md5(TestImages.md5Hex(new byte[] {1, 2, 3})))).isEmpty();
    }

    private static Md5 md5(byte[] bytes) {
        return new Md5(TestImages.md5Hex(bytes));
    }

    @Test
    void fromSis2IntoALocalStoreTwice() throws IOException {
        writeSis2Directory();
        Path dest = work.resolve("data");

        Run first = migrate("--from", "sis2:" + sis2, "--to", "file:" + dest);
        assertThat(first.code()).as(first.err()).isEqualTo(1);
        assertThat(first.err()).contains("FAILED " + mismatch + ": content MD5 " + TestImages.md5Hex(png)
                + " does not match its place");
        assertThat(first.out()).contains("4 copied", "0 already there", "1 failed", "of 5 files");
        assertThat(first.err()).as("plain progress lines, not a bar").contains("sis migrate: [####").doesNotContain("\r");
        checkDestination(LocalImageStore.open(dest));

        Run second = migrate("--from=sis2:" + sis2, "--to=file:" + dest, "--parallel=2");
        assertThat(second.out()).contains("0 copied", "4 already there", "1 failed");
        assertThat(second.code()).isEqualTo(1);

        Files.delete(mismatch);
        Run clean = migrate("--from", "sis2:" + sis2, "--to", "file:" + dest);
        assertThat(clean.code()).as(clean.err()).isZero();
        assertThat(clean.out()).contains("0 copied", "4 already there", "0 failed");
    }

    @Test
    void fromSis2IntoS3TwiceThenFromS3IntoALocalStore() throws IOException {
        writeSis2Directory();
        try (S3TestServer s3 = S3TestServer.start(Files.createDirectories(work.resolve("s3-data")))) {
            s3.createBucket("images");
            String[] s3Flags = {"--s3-endpoint", s3.endpoint().toString(), "--s3-path-style", "--s3-region", S3TestServer.REGION};

            Run first = migrate(concat(new String[] {"--from", "sis2:" + sis2, "--to", "s3://images/sis"}, s3Flags));
            assertThat(first.code()).as(first.err()).isEqualTo(1);
            assertThat(first.err()).contains("FAILED " + mismatch);
            assertThat(first.out()).contains("4 copied", "1 failed");
            try (S3ImageStore store = S3ImageStore.open(s3.config("images", "sis", work.resolve("spool")),
                    S3TestServer.credentials(), new SimpleMeterRegistry())) {
                checkDestination(store);
            }

            Run second = migrate(concat(new String[] {"--from", "sis2:" + sis2, "--to", "s3://images/sis"}, s3Flags));
            assertThat(second.out()).contains("0 copied", "4 already there", "1 failed");

            Path local = work.resolve("back");
            Run back = migrate(concat(new String[] {"--from", "s3://images/sis", "--to", "file:" + local}, s3Flags));
            assertThat(back.code()).as(back.err()).isZero();
            assertThat(back.out()).contains("4 copied", "0 failed", "of 4 files");
            checkDestination(LocalImageStore.open(local));
        }
    }

    @Test
    void aLocalStoreIsReadWithoutBeingTouched() throws IOException {
        Path from = work.resolve("from");
        LocalImageStore source = LocalImageStore.open(from);
        source.putOriginal(md5(png), new FileName("dot.png"), Blob.of(png));
        Path inFlight = Files.write(source.newStagingFile(), new byte[] {9});

        Run run = migrate("--from", "file:" + from, "--to", "file:" + work.resolve("to"));

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("1 copied");
        assertThat(inFlight).as("a running server's staging file is left alone").exists();
    }

    @Test
    void badCommandLinesExitWith2AndSayWhy() {
        Run missing = migrate("--to", "file:/tmp/x");
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("sis migrate: --from: is required", "Usage: sis migrate");

        Run intoSis2 = migrate("--from", "file:/a", "--to", "sis2:/b", "--parallel", "0", "--bogus");
        assertThat(intoSis2.code()).isEqualTo(2);
        assertThat(intoSis2.err()).contains("unknown flag \"--bogus\"");

        Run bad = migrate("--from", "file:/a", "--to", "sis2:/b", "--parallel", "0", "--s3-region", "EU");
        assertThat(bad.err()).contains("--to: must be file:/path or s3://bucket/prefix (sis2: is a source only), got \"sis2:/b\"",
                "--parallel: must be an integer from 1 to 64", "--s3-region: must be a region name");
        assertThat(migrate("--help").out()).startsWith("Usage: sis migrate");
        assertThat(StoreLocation.parse("sis2:/old", true)).isEqualTo(new StoreLocation.Sis2(Path.of("/old")));
    }

    @Test
    void aSourceOneFolderTooHighIsRefusedWithTheFolderToGive() throws IOException {
        Path parent = work.resolve("srv");
        sis2 = Files.createDirectories(parent.resolve("image"));
        writeSis2Directory();
        Files.createDirectories(parent.resolve("logs"));
        Path dest = work.resolve("data");

        Run sis2Parent = migrate("--from", "sis2:" + parent, "--to", "file:" + dest);
        assertThat(sis2Parent.code()).isEqualTo(1);
        assertThat(sis2Parent.err()).contains(parent + " is not a data directory, but " + sis2
                + " in it looks like one: give --from sis2:" + sis2);
        assertThat(sis2Parent.out()).as("nothing is tried").doesNotContain("failed");

        Path local = Files.createDirectories(work.resolve("old/image/3f/a2"));
        Run localParent = migrate("--from", "file:" + work.resolve("old"), "--to", "file:" + dest);
        assertThat(localParent.err()).contains("give --from file:" + local.getParent().getParent());
        assertThat(dest).doesNotExist();
    }

    @Test
    void aMissingSourceIsAFailureNotACrash() {
        Run run = migrate("--from", "sis2:" + work.resolve("nothing"), "--to", "file:" + work.resolve("to"));
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).contains("not a directory");
    }

    private static String[] concat(String[] a, String[] b) {
        List<String> all = new ArrayList<>(List.of(a));
        all.addAll(List.of(b));
        return all.toArray(String[]::new);
    }
}
