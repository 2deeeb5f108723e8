package dev.sis.storage.remote;

import dev.sis.config.UpstreamDialect;
import dev.sis.errors.UpstreamException;
import dev.sis.storage.RemoteStoreException;
import dev.sis.model.FileName;
import dev.sis.model.Md5;
import dev.sis.storage.Blob;
import dev.sis.storage.ImageStore;
import dev.sis.storage.OpenedFile;
import dev.sis.storage.StoredFile;
import dev.sis.storage.VariantKey;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * An agent's store that speaks to its server in the server's dialect: each call goes to the sis
 * store ({@link RemoteImageStore}, {@code /internal/v1}) or the sis 2.0 one ({@link Sis2Upstream})
 * as the {@link DialectProbe} says now, and a failed call tells the probe, which asks the server
 * again. Both stores share one HTTP client and spool folder, which {@link #close()} ends.
 * Thread-safe.
 */
final class DialectSwitchingStore implements ImageStore, AutoCloseable {
    private final RemoteImageStore sis;
    private final Sis2Upstream sis2;
    private final DialectProbe probe;

    DialectSwitchingStore(RemoteImageStore sis, Sis2Upstream sis2, DialectProbe probe) {
        this.sis = sis;
        this.sis2 = sis2;
        this.probe = probe;
    }

    private interface Call<T> {
        T on(ImageStore store) throws IOException;
    }

    /** The store of the dialect the server speaks now (this may ask the server first). */
    private ImageStore current() {
        return probe.dialect() == UpstreamDialect.SIS2 ? sis2 : sis;
    }

    private <T> T call(Call<T> call) throws IOException {
        ImageStore store = current();
        try {
            return call.on(store);
        } catch (RemoteStoreException failure) {
            probe.failed(failure);
            throw failure;
        }
    }

    @Override
    public Path newStagingFile() throws IOException {
        return sis.newStagingFile(); // the same spool folder for both dialects
    }

    @Override
    public boolean putOriginal(Md5 md5, FileName name, Blob blob) throws IOException {
        return call(s -> s.putOriginal(md5, name, blob));
    }

    @Override
    public Optional<StoredFile> original(Md5 md5, FileName name) throws IOException {
        return call(s -> s.original(md5, name));
    }

    @Override
    public Optional<OpenedFile> openOriginal(Md5 md5, FileName name) throws IOException {
        return call(s -> s.openOriginal(md5, name));
    }

    @Override
    public Optional<OpenedFile> openAnyOriginal(Md5 md5) throws IOException {
        return call(s -> s.openAnyOriginal(md5));
    }

    /** The current dialect's cheaper check (sis: one attempt within the check timeout), for {@link dev.sis.storage.ExistenceMemory}. */
    boolean quickCheck(Md5 md5, FileName name) throws IOException {
        return call(s -> s == sis ? sis.quickCheck(md5, name) : name == null ? s.exists(md5) : s.exists(md5, name));
    }

    @Override
    public boolean exists(Md5 md5) throws IOException {
        return call(s -> s.exists(md5));
    }

    @Override
    public boolean exists(Md5 md5, FileName name) throws IOException {
        return call(s -> s.exists(md5, name));
    }

    @Override
    public List<FileName> names(Md5 md5) throws IOException {
        return call(s -> s.names(md5));
    }

    @Override
    public boolean putVariant(Md5 md5, VariantKey key, Blob blob) throws IOException {
        return call(s -> s.putVariant(md5, key, blob));
    }

    @Override
    public Optional<StoredFile> variant(Md5 md5, VariantKey key) throws IOException {
        return call(s -> s.variant(md5, key));
    }

    @Override
    public Optional<OpenedFile> openVariant(Md5 md5, VariantKey key) throws IOException {
        return call(s -> s.openVariant(md5, key));
    }

    @Override
    public boolean delete(Md5 md5, FileName name) throws IOException {
        return call(s -> s.delete(md5, name));
    }

    @Override
    public boolean isReady() {
        return current().isReady();
    }

    @Override
    public boolean keptUpstream() {
        return true;
    }

    @Override
    public String describe() {
        return current().describe() + "; the server's dialect: " + probe.describe();
    }

    /** Ends the shared client and spool folder (through the sis store, which owns them). */
    @Override
    public void close() {
        sis.close();
    }
}
