package dev.sis.migrate;

import dev.sis.model.FileName;
import dev.sis.model.Md5;
import dev.sis.service.Analyses;
import dev.sis.storage.StoreLayout;
import java.io.IOException;
import java.util.regex.Matcher;

/**
 * A store in sis's own layout ({@link StoreLayout}: {@code ab/cd/<md5>/src/<name>}), local or in a bucket, listed
 * and read by a {@link Lister}: its originals and the analysis sidecars beside them. Nothing is
 * written to it: a server may be using it.
 */
final class StoreSource implements MigrationSource {

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
            Matcher m = StoreLayout.ORIGINAL_PATH.matcher(path);
            if (!m.matches()) {
                if (StoreLayout.IN_AN_ORIGINALS_FOLDER.matcher(path).matches()) {
                    visitor.misplaced(path, "not at sis's place ab/cd/<md5>/src/<name>");
                    return;
                }
                StoreLayout.parseVariant(path).filter(place -> Analyses.isSidecar(place.key())).ifPresent(place ->
                        visitor.analysis(new SourceAnalysis(path, place.md5(), place.key(), size, opener)));
                return; // a variant (made again on request), or not sis's
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
