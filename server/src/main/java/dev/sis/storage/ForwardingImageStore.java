package dev.sis.storage;

import dev.sis.model.FileName;
import dev.sis.model.Md5;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A store that hands every call to another one: the base of a store that changes a few calls of
 * another (the variant budget over the local or S3 store) and forwards the rest unchanged.
 */
public abstract class ForwardingImageStore implements ImageStore {
    /** The store every call not overridden goes to. */
    protected final ImageStore store;

    protected ForwardingImageStore(ImageStore store) {
        this.store = store;
    }

    @Override
    public Path newStagingFile() throws IOException {
        return store.newStagingFile();
    }

    @Override
    public boolean putOriginal(Md5 md5, FileName name, Blob blob) throws IOException {
        return store.putOriginal(md5, name, blob);
    }

    @Override
    public Optional<StoredFile> original(Md5 md5, FileName name) throws IOException {
        return store.original(md5, name);
    }

    @Override
    public boolean exists(Md5 md5) throws IOException {
        return store.exists(md5);
    }

    @Override
    public Optional<Boolean> existsWithoutWaiting(Md5 md5) throws IOException {
        return store.existsWithoutWaiting(md5);
    }

    @Override
    public boolean exists(Md5 md5, FileName name) throws IOException {
        return store.exists(md5, name);
    }

    @Override
    public List<FileName> names(Md5 md5) throws IOException {
        return store.names(md5);
    }

    @Override
    public boolean putVariant(Md5 md5, VariantKey key, Blob blob) throws IOException {
        return store.putVariant(md5, key, blob);
    }

    @Override
    public Optional<StoredFile> variant(Md5 md5, VariantKey key) throws IOException {
        return store.variant(md5, key);
    }

    /** Forwarded: a store across the network answers it with one request. */
    @Override
    public Optional<OpenedFile> openOriginal(Md5 md5, FileName name) throws IOException {
        return store.openOriginal(md5, name);
    }

    @Override
    public Optional<OpenedFile> openAnyOriginal(Md5 md5) throws IOException {
        return store.openAnyOriginal(md5);
    }

    @Override
    public boolean delete(Md5 md5, FileName name) throws IOException {
        return store.delete(md5, name);
    }

    @Override
    public boolean isReady() {
        return store.isReady();
    }

    @Override
    public boolean keptUpstream() {
        return store.keptUpstream();
    }

    @Override
    public boolean variantPutsWait() {
        return store.variantPutsWait();
    }

    @Override
    public String describe() {
        return store.describe();
    }
}
