package dev.sis.migrate;

import dev.sis.model.FileName;
import dev.sis.model.Md5;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.stream.Stream;

/**
 * A data directory written by sis 2.0: {@code <dir>/<c1>/<c2>/…/<c32>/src/<name>}, one
 * directory level per hex digit of the MD5. Files that are not under a {@code src} folder
 * are not originals and are passed over.
 */
final class Sis2Source implements MigrationSource {
    private static final int DIGITS = 32;
    private final Path root;

    Sis2Source(Path root) {
        this.root = root;
    }

    @Override
    public void list(Visitor visitor) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new IOException("not a directory: " + root);
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : (Iterable<Path>) walk::iterator) {
                BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                Path relative = root.relativize(file);
                if (!attributes.isRegularFile() || relative.getNameCount() < 2
                        || !relative.getName(relative.getNameCount() - 2).toString().equals("src")) {
                    continue;
                }
                visit(relative, file, attributes.size(), visitor);
            }
        }
    }

    private static void visit(Path relative, Path file, long size, Visitor visitor) {
        String where = file.toString();
        if (relative.getNameCount() != DIGITS + 2) {
            visitor.misplaced(where, "not at sis 2.0's place <32 one-digit folders>/src/<name>");
            return;
        }
        StringBuilder hex = new StringBuilder(DIGITS);
        for (int i = 0; i < DIGITS; i++) {
            hex.append(relative.getName(i));
        }
        try {
            Md5 md5 = Md5.parse(hex.toString());
            FileName name = new FileName(relative.getFileName().toString());
            visitor.file(new SourceFile(where, md5, name, size, () -> Files.newInputStream(file)));
        } catch (RuntimeException e) {
            visitor.misplaced(where, "its folders are not an MD5 or its name is not valid");
        }
    }

    @Override
    public String describe() {
        return "sis 2.0 directory " + root;
    }
}
