package dev.sis.storage.local;

import dev.sis.storage.Blob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sis.model.FileName;
import dev.sis.model.Md5;
import dev.sis.storage.ImageStore;
import dev.sis.storage.ImageStoreContract;
import dev.sis.storage.StoredVariantsContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalImageStoreTest extends ImageStoreContract implements StoredVariantsContract {
    @TempDir
    Path root;

    @Override
    public ImageStore store() {
        return store;
    }

    @Override
    protected ImageStore newStore() throws IOException {
        return LocalImageStore.open(root);
    }

    @Test
    void layoutFansOutByTheFirstHexDigitsAndKeepsTheOriginalName() throws IOException {
        byte[] bytes = {1, 2, 3};
        Md5 md5 = md5Of(bytes);
        store.putOriginal(md5, new FileName("cat photo.jpg"), stage(bytes));

        String hex = md5.hex();
        assertThat(root.resolve(hex.substring(0, 2)).resolve(hex.substring(2, 4)).resolve(hex).resolve("src/cat photo.jpg"))
                .hasBinaryContent(bytes);
    }

    @Test
    void existsStaysExactWhenTheNameItLastFoundIsRemovedBehindItsBack() throws IOException {
        byte[] bytes = {7, 7, 7};
        Md5 md5 = md5Of(bytes);
        store.putOriginal(md5, new FileName("a.png"), stage(bytes));
        store.putOriginal(md5, new FileName("b.png"), stage(bytes));
        assertThat(store.exists(md5)).isTrue(); // found under a.png, remembered

        // Another node sharing the directory removes a.png, then b.png.
        LocalImageStore other = LocalImageStore.open(root);
        other.delete(md5, new FileName("a.png"));
        assertThat(store.exists(md5)).isTrue();
        other.delete(md5, new FileName("b.png"));
        assertThat(store.exists(md5)).isFalse();

        store.putOriginal(md5, new FileName("c.png"), stage(bytes));
        assertThat(store.exists(md5)).isTrue();
    }

    @Test
    void leftoversInStagingAreRemovedWhenTheStoreOpens() throws IOException {
        Path leftover = store.newStagingFile();
        Files.write(leftover, new byte[] {1, 2, 3});
        Path leftoverDir = Files.createDirectories(root.resolve(".staging/half-written"));
        Files.write(leftoverDir.resolve("part"), new byte[] {4});

        LocalImageStore.open(root);

        assertThat(leftover).doesNotExist();
        assertThat(leftoverDir).doesNotExist();
        assertThat(root.resolve(".staging")).isEmptyDirectory();
    }

    @Test
    void aPutLeavesNoTemporaryFileBehind() throws IOException {
        byte[] bytes = {5, 5};
        store.putOriginal(md5Of(bytes), new FileName("a"), stage(bytes));

        assertThat(root.resolve(".staging")).isEmptyDirectory();
        assertThat(filesUnder(root)).allMatch(p -> p.toString().contains("/src/"));
    }

    @Test
    void aReaderNeverSeesAPartialFileBecauseOnlyCompleteFilesAreRenamedIntoPlace() throws IOException {
        byte[] bytes = new byte[1 << 20];
        Md5 md5 = md5Of(bytes);
        Path staged = store.newStagingFile();
        Files.write(staged, new byte[100]);
        // Half-written: the final path must not exist yet.
        assertThat(store.original(md5, new FileName("big"))).isEmpty();
        Files.write(staged, bytes);

        store.putOriginal(md5, new FileName("big"), Blob.staged(staged));

        assertThat(store.original(md5, new FileName("big")).orElseThrow().size()).isEqualTo(bytes.length);
    }

    @Test
    void onlyStagingFilesOfThisStoreCanBePut(@TempDir Path elsewhere) throws IOException {
        Path outside = Files.write(elsewhere.resolve("x"), new byte[] {1});

        assertThatThrownBy(() -> store.putOriginal(md5Of(new byte[] {1}), new FileName("x"), Blob.staged(outside)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(outside).exists();
    }

    @Test
    void storeOpensInAnExistingDataDirectoryWithItsFiles() throws IOException {
        byte[] bytes = {9, 9};
        Md5 md5 = md5Of(bytes);
        store.putOriginal(md5, new FileName("keep.png"), stage(bytes));

        ImageStore reopened = LocalImageStore.open(root);

        assertThat(reopened.original(md5, new FileName("keep.png")).orElseThrow().readAll()).isEqualTo(bytes);
    }

    private static List<Path> filesUnder(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }
}
