package dev.sis.testing.sis2;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * sis 2.0's data folder: {@code <root>/<c1>/<c2>/…/<c32>/src/<name>}, one folder level per hex
 * digit of the MD5 (docs/api-legacy.md, "sis 2.0's data folder").
 */
final class Sis2Folder implements Sis2Files {
    private final Path root;

    Sis2Folder(Path root) {
        this.root = root;
    }

    @Override
    public synchronized void put(String md5, String name, byte[] bytes) throws IOException {
        Path src = src(md5);
        Files.createDirectories(src);
        Files.write(src.resolve(name), bytes);
    }

    @Override
    public byte[] any(String md5) throws IOException {
        Path src = src(md5);
        if (!Files.isDirectory(src)) {
            return null;
        }
        try (Stream<Path> files = Files.list(src)) {
            Path first = files.sorted().findFirst().orElse(null); // Go's ReadDir lists in name order
            return first == null ? null : Files.readAllBytes(first);
        }
    }

    @Override
    public byte[] named(String md5, String name) throws IOException {
        Path file = src(md5).resolve(name);
        return Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
    }

    private Path src(String md5) {
        return src(root, md5);
    }

    /** Where sis 2.0 keeps the files of {@code md5} under {@code root}. */
    static Path src(Path root, String md5) {
        Path dir = root;
        for (char c : md5.toCharArray()) {
            dir = dir.resolve(String.valueOf(c));
        }
        return dir.resolve("src");
    }
}
