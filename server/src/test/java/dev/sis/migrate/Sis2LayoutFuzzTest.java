package dev.sis.migrate;

import dev.sis.storage.Folders;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.sis.model.FileName;
import dev.sis.model.Md5;
import dev.sis.storage.local.LocalImageStore;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Fuzzes the migration from a sis 2.0 data directory ({@link Sis2Source} into a local store):
 * trees of files at sis 2.0's places (with the right or a wrong MD5), at places that are nearly
 * right (a digit too many or too few, a non-hex folder) and anywhere else, with any names and
 * bytes. Whatever the tree, the migration ends; every file under a {@code src} folder is
 * counted once (copied or failed); every stored original has the bytes of a file that sat at
 * the place of its MD5 and name; and every well-placed file whose bytes match is stored.
 * Seeds: {@code Sis2LayoutFuzzTestInputs/}.
 */
class Sis2LayoutFuzzTest {
    private static final PrintStream NOWHERE = new PrintStream(OutputStream.nullOutputStream());

    /** A file the fuzzer put in the tree, and whether it sits at its MD5's place with bytes of that MD5. */
    private record Planted(Path relative, byte[] bytes, boolean underSrc, boolean shouldBeStored) {
    }

    @FuzzTest
    void aSis2TreeMigratesToExactlyItsWellPlacedFiles(FuzzedDataProvider data) throws Exception {
        Path work = Files.createTempDirectory("sis2-fuzz");
        try {
            Path source = Files.createDirectory(work.resolve("sis2"));
            List<Planted> planted = plant(data, source);

            Progress progress = new Progress(NOWHERE, false, Duration.ofHours(1));
            LocalImageStore destination = LocalImageStore.open(work.resolve("sis"));
            new Migration(new Sis2Source(source), destination, 2, progress).run();

            long underSrc = planted.stream().filter(Planted::underSrc).count();
            assertThat(progress.copiedFiles() + progress.failedFiles() + progress.skippedFiles())
                    .as("every file under a src folder counted once").isEqualTo(underSrc);
            for (Planted file : planted) {
                if (file.shouldBeStored()) {
                    Md5 md5 = md5Of(file.bytes());
                    FileName name = new FileName(file.relative().getFileName().toString());
                    assertThat(destination.original(md5, name)).as("stored: %s", file.relative()).isPresent();
                }
            }
            for (Path stored : storedOriginals(work.resolve("sis"))) {
                byte[] bytes = Files.readAllBytes(stored);
                String md5 = stored.getParent().getParent().getFileName().toString();
                assertThat(md5Of(bytes).hex()).as("the bytes of %s", stored).isEqualTo(md5);
                assertThat(planted).as("a planted file has the bytes and name of %s", stored)
                        .anyMatch(p -> p.underSrc() && Arrays.equals(p.bytes(), bytes)
                                && p.relative().getFileName().toString().equals(stored.getFileName().toString()));
            }
        } finally {
            Folders.deleteRecursively(work);
        }
    }

    /** Writes up to 8 files: at their MD5's place, at a fuzzed MD5's place, or at a fuzzed path. */
    private static List<Planted> plant(FuzzedDataProvider data, Path root) throws IOException {
        List<Planted> planted = new ArrayList<>();
        int count = data.consumeInt(0, 8);
        for (int i = 0; i < count; i++) {
            int kind = data.consumeInt(0, 3);
            byte[] bytes = data.consumeBytes(data.consumeInt(0, 512));
            String name = data.consumeString(60);
            String hex = switch (kind) {
                case 0 -> md5Of(bytes).hex();
                case 1 -> data.consumeString(40);
                default -> null;
            };
            Optional<Path> relative = hex != null ? sis2Place(hex, name) : anyPath(data.consumeString(120));
            if (relative.isEmpty() || Files.exists(root.resolve(relative.get()))
                    || Files.exists(root.resolve(relative.get()).getParent())
                    && !Files.isDirectory(root.resolve(relative.get()).getParent())) {
                continue;
            }
            Path file = root.resolve(relative.get());
            try {
                Files.createDirectories(file.getParent());
            } catch (IOException aFileIsInTheWay) {
                continue;
            }
            Files.write(file, bytes);
            boolean underSrc = relative.get().getNameCount() >= 2
                    && relative.get().getName(relative.get().getNameCount() - 2).toString().equals("src");
            planted.add(new Planted(relative.get(), bytes, underSrc, kind == 0 && isValidName(name)));
        }
        return planted;
    }

    /** {@code c1/c2/…/cN/src/name}: one folder per character, as sis 2.0 lays out an MD5. */
    private static Optional<Path> sis2Place(String hex, String name) {
        List<String> segments = new ArrayList<>();
        hex.codePoints().forEach(c -> segments.add(Character.toString(c)));
        segments.add("src");
        segments.add(name);
        return pathOf(segments);
    }

    private static Optional<Path> anyPath(String text) {
        return pathOf(List.of(text.split("/", -1)));
    }

    /** A relative path inside the tree, or empty when a segment could escape it or is not a file name here. */
    private static Optional<Path> pathOf(List<String> segments) {
        if (segments.isEmpty()) {
            return Optional.empty();
        }
        for (String segment : segments) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..") || segment.indexOf('/') >= 0
                    || segment.indexOf('\0') >= 0 || segment.getBytes(StandardCharsets.UTF_8).length > 255) {
                return Optional.empty();
            }
        }
        try {
            return Optional.of(Path.of(segments.getFirst(), segments.subList(1, segments.size()).toArray(String[]::new)));
        } catch (InvalidPathException notAName) {
            return Optional.empty();
        }
    }

    private static boolean isValidName(String name) {
        try {
            new FileName(name);
            return true;
        } catch (RuntimeException invalid) {
            return false;
        }
    }

    private static List<Path> storedOriginals(Path store) throws IOException {
        try (Stream<Path> walk = Files.walk(store)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> p.getParent().getFileName().toString().equals("src"))
                    .filter(p -> !p.startsWith(store.resolve(".staging")))
                    .toList();
        }
    }

    private static Md5 md5Of(byte[] bytes) {
        try {
            return Md5.of(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides MD5", e);
        }
    }
}
