package dev.sis.storage;

import dev.sis.errors.UpstreamException;
import dev.sis.model.Md5;
import dev.sis.storage.local.LocalImageStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.InstantSource;
import org.junit.jupiter.api.io.TempDir;

/** The store contract holds through {@link ExistenceMemory}: it changes when a yes is asked, not what a store does. */
class ExistenceMemoryContractTest extends ImageStoreContract {
    @TempDir
    Path root;

    @Override
    protected ImageStore newStore() throws IOException {
        return new ExistenceMemory(LocalImageStore.open(root), InstantSource.system(),
                failed -> failed.kind() != UpstreamException.Kind.BAD_ANSWER, null);
    }

    /** As another node sharing the directory would. */
    @Override
    protected void removeElsewhere(Md5 md5, VariantKey key) throws IOException {
        LocalImageStore.open(root).removeVariant(md5, key);
    }
}
