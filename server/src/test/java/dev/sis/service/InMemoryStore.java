package dev.sis.service;

import dev.sis.storage.Blob;
import dev.sis.model.FileName;
import dev.sis.model.Md5;
import dev.sis.storage.ImageStore;
import dev.sis.storage.InMemoryFile;
import dev.sis.storage.OpenedFile;
import dev.sis.storage.StoredFile;
import dev.sis.storage.VariantKey;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fake of the {@link ImageStore} seam for the service's own tests: files in maps, and a count
 * of every call by its name (and of every read of a found file's bytes, {@code "read"}), so that
 * a test can say which store calls a service call costs: on a store across the network, each is
 * a round trip. The
 * three real stores are held to the contract by {@code ImageStoreContract}; this one keeps no
 * promise of durability. Staging files live in a folder the test gives.
 */
final class InMemoryStore implements ImageStore {
    private final Path staging;
    private final Map<Md5, ConcurrentSkipListMap<String, byte[]>> originals = new ConcurrentHashMap<>();
    private final Map<String, byte[]> variants = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> calls = new ConcurrentHashMap<>();

    InMemoryStore(Path staging) {
        this.staging = staging;
    }

    /** How many times the call {@code name} (a method's name) has been made. */
    long calls(String name) {
        AtomicLong count = calls.get(name);
        return count == null ? 0 : count.get();
    }

    /** All calls so far, of every kind. */
    long allCalls() {
        return calls.values().stream().mapToLong(AtomicLong::get).sum();
    }

    /** Stores an original directly, without counting a call: the state a test starts from. */
    void add(Md5 md5, String name, byte[] bytes) {
        originals.computeIfAbsent(md5, m -> new ConcurrentSkipListMap<>()).put(name, bytes);
    }

    /** Whether a variant of {@code md5} with this id is stored. */
    boolean hasVariant(Md5 md5, String id) {
        return variants.keySet().stream().anyMatch(k -> k.startsWith(md5.hex() + "/" + id + "."));
    }

    private void count(String name) {
        calls.computeIfAbsent(name, n -> new AtomicLong()).incrementAndGet();
    }

    @Override
    public Path newStagingFile() throws IOException {
        return Files.createTempFile(staging, "up-", ".tmp");
    }

    @Override
    public boolean putOriginal(Md5 md5, FileName name, Blob blob) throws IOException {
        count("putOriginal");
        byte[] bytes;
        try (blob; InputStream in = blob.open()) {
            bytes = in.readAllBytes();
        }
        return originals.computeIfAbsent(md5, m -> new ConcurrentSkipListMap<>()).putIfAbsent(name.value(), bytes) == null;
    }

    @Override
    public Optional<StoredFile> original(Md5 md5, FileName name) {
        count("original");
        return originalBytes(md5, name).map(this::file);
    }

    @Override
    public Optional<OpenedFile> openOriginal(Md5 md5, FileName name) {
        count("openOriginal");
        return originalBytes(md5, name).map(InMemoryStore::opened);
    }

    private Optional<byte[]> originalBytes(Md5 md5, FileName name) {
        Map<String, byte[]> names = originals.get(md5);
        return Optional.ofNullable(names == null ? null : names.get(name.value()));
    }

    @Override
    public boolean exists(Md5 md5) {
        count("exists");
        Map<String, byte[]> names = originals.get(md5);
        return names != null && !names.isEmpty();
    }

    @Override
    public boolean exists(Md5 md5, FileName name) {
        count("existsName");
        return originalBytes(md5, name).isPresent();
    }

    @Override
    public List<FileName> names(Md5 md5) {
        count("names");
        ConcurrentSkipListMap<String, byte[]> names = originals.get(md5);
        return names == null ? List.of() : names.keySet().stream().map(FileName::new).toList();
    }

    @Override
    public boolean putVariant(Md5 md5, VariantKey key, Blob blob) throws IOException {
        count("putVariant");
        byte[] bytes;
        try (blob; InputStream in = blob.open()) {
            bytes = in.readAllBytes();
        }
        if (!originals.containsKey(md5)) {
            return false;
        }
        return variants.putIfAbsent(variantKey(md5, key), bytes) == null;
    }

    @Override
    public Optional<StoredFile> variant(Md5 md5, VariantKey key) {
        count("variant");
        return Optional.ofNullable(variants.get(variantKey(md5, key))).map(this::file);
    }

    @Override
    public Optional<OpenedFile> openVariant(Md5 md5, VariantKey key) {
        count("openVariant");
        return Optional.ofNullable(variants.get(variantKey(md5, key))).map(InMemoryStore::opened);
    }

    @Override
    public boolean delete(Md5 md5, FileName name) {
        count("delete");
        Map<String, byte[]> names = originals.get(md5);
        if (names == null) {
            return false;
        }
        boolean removed = name == null ? !names.isEmpty() : names.containsKey(name.value());
        if (name == null) {
            names.clear();
        } else {
            names.remove(name.value());
        }
        if (names.isEmpty()) {
            originals.remove(md5);
            variants.keySet().removeIf(k -> k.startsWith(md5.hex() + "/"));
        }
        return removed;
    }

    @Override
    public boolean isReady() {
        return true;
    }

    @Override
    public String describe() {
        return "in memory (tests)";
    }

    /** A stored file whose every read of bytes counts as a call ({@code "read"}): a round trip on a remote store. */
    private StoredFile file(byte[] bytes) {
        InMemoryFile file = new InMemoryFile(bytes);
        return new StoredFile() {
            @Override
            public long size() {
                return file.size();
            }

            @Override
            public InputStream open(long offset, long length) {
                count("read");
                return file.open(offset, length);
            }
        };
    }

    private static OpenedFile opened(byte[] bytes) {
        InMemoryFile file = new InMemoryFile(bytes);
        return new OpenedFile(file, file.open(0, bytes.length));
    }

    private static String variantKey(Md5 md5, VariantKey key) {
        return md5.hex() + "/" + key.id() + "." + key.extension();
    }
}
