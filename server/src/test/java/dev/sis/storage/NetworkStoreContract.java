package dev.sis.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.model.FileName;
import dev.sis.model.Md5;
import dev.sis.testing.TestImages;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * What a store across the network (S3, an agent's server) does beyond {@link ImageStoreContract}:
 * it sends an upload kept in memory from there, without reading its spool file back. The local
 * store is not held to it: it links the staged file itself into place.
 */
public abstract class NetworkStoreContract extends ImageStoreContract {

    @Test
    void anUploadKeptInMemoryIsSentFromThereWithoutReadingItsFileBack() throws IOException {
        byte[] bytes = TestImages.png(6, 6);
        Md5 md5 = md5Of(bytes);
        Blob.Staged staged = stage(new byte[0]); // the file does not hold the bytes: only memory does

        assertThat(store.putOriginal(md5, new FileName("k.png"), Blob.staged(staged.path(), md5, bytes))).isTrue();

        assertThat(store.original(md5, new FileName("k.png")).orElseThrow().readAll()).isEqualTo(bytes);
        assertThat(staged.path()).doesNotExist();
    }
}
