package dev.sis.migrate;

import dev.sis.model.FileName;
import dev.sis.model.Md5;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A store in sis's own layout ({@code ab/cd/<md5>/src/<name>}), local or in a bucket, listed
 * and read by a {@link Lister}. Nothing is written to it: a server may be using it.
 */
final class StoreSource implements MigrationSource {
    private static final Pattern ORIGINAL = Pattern.compile("([0-9a-f]{2})/([0-9a-f]{2})/([0-9a-f]{32})/src/([^/]+)");
    private static final Pattern UNDER_SRC = Pattern.compile("(.*/)?src/[^/]+");

    /** Lists every file of a store: its path relative to the store's root (with {@code /}), size and bytes. */
    @FunctionalInterface
    interface Lister {
        void list(Listed each) throws IOException;
    }

    @FunctionalInterface
    interface Listed {
        void file(String relativePath, long size, SourceFile.Opener opener);
    }

    private final Lister lister;
    private final String description;

    StoreSource(Lister lister, String description) {
        this.lister = lister;
        this.description = description;
    }

    @Override
    public void list(Visitor visitor) throws IOException {
        lister.list((path, size, opener) -> {
            Matcher m = ORIGINAL.matcher(path);
            if (!m.matches()) {
                if (UNDER_SRC.matcher(path).matches()) {
                    visitor.misplaced(path, "not at sis's place ab/cd/<md5>/src/<name>");
                }
                return; // a variant, or not sis's: not an original
            }
            String hex = m.group(3);
            if (!hex.startsWith(m.group(1) + m.group(2))) {
                visitor.misplaced(path, "its folders do not match its MD5 folder");
                return;
            }
            FileName name;
            try {
                name = new FileName(m.group(4));
            } catch (IllegalArgumentException e) {
                visitor.misplaced(path, "not a valid file name");
                return;
            }
            visitor.file(new SourceFile(path, new Md5(hex), name, size, opener));
        });
    }

    @Override
    public String describe() {
        return description;
    }
}
