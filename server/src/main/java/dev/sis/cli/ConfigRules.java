package dev.sis.cli;

import dev.sis.config.AccessLogConfig;
import dev.sis.config.CacheConfig;
import dev.sis.config.ConnectionLimits;
import dev.sis.config.ImageLimits;
import dev.sis.config.RemoteLimits;
import dev.sis.config.S3Config;
import dev.sis.config.SecurityConfig;
import dev.sis.config.ServerConfig;
import dev.sis.config.SisConfig;
import dev.sis.config.StoreConfig;
import dev.sis.config.StoreLocation;
import dev.sis.config.UploadLimits;
import dev.sis.config.UpstreamConfig;
import dev.sis.config.UpstreamDialect;
import dev.sis.cli.SettingValues.Source;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The rules between settings, and the {@link SisConfig} records built from valid values: the one
 * place that knows the shape of {@code dev.sis.config}. Each rule adds its problems to the
 * {@link SettingValues}; a part whose input was refused is skipped (its problem is reported
 * already), so every problem is still reported at once.
 */
final class ConfigRules {
    private static final long MIB = 1024L * 1024L;

    private final SettingValues values;
    private final long heapBytes;
    private final boolean startsHere;

    private ConfigRules(SettingValues values, long heapBytes, boolean startsHere) {
        this.values = values;
        this.heapBytes = heapBytes;
        this.startsHere = startsHere;
    }

    /**
     * Checks the rules and builds the configuration for a JVM whose heap is {@code heapBytes}.
     *
     * @param startsHere whether a server starts with it on this machine (not a check of a deployment's flags)
     * @return the configuration, or empty when {@code values} has a problem (now or before)
     */
    static Optional<SisConfig> validate(SettingValues values, long heapBytes, boolean startsHere) {
        return Optional.ofNullable(new ConfigRules(values, heapBytes, startsHere).build());
    }

    private <T> T get(Setting<T> s) {
        return values.get(s);
    }

    private int level(Setting<?> s) {
        return values.source(s).ordinal();
    }

    private void problem(Setting<?> s, String reason, boolean showValue) {
        values.problem(s, reason, showValue);
    }

    private SisConfig build() {
        StoreConfig store = variantBudget(store());
        ImageLimits image = image();
        CacheConfig cache = cache();
        ConnectionLimits connections = connections();
        dev.sis.config.VariantFeatures features = image == null ? null : features(image);
        if (!values.valid()) {
            return null;
        }
        return new SisConfig(
                new ServerConfig(get(Setting.HOST), get(Setting.PORT), get(Setting.SHUTDOWN_TIMEOUT), connections,
                        new AccessLogConfig(get(Setting.ACCESS_LOG), get(Setting.TRUSTED_PROXIES)), get(Setting.WARM_UP)),
                store,
                cache,
                new UploadLimits(get(Setting.MAX_REQUEST_SIZE), get(Setting.MAX_NAME_BYTES),
                        get(Setting.ACCEPT_ANY_FILE), get(Setting.UPLOAD_MEMORY)),
                image,
                new SecurityConfig(get(Setting.INTERNAL_TOKEN).orElse(null), get(Setting.UPLOAD_TOKEN).orElse(null),
                        get(Setting.ADMIN_TOKEN).orElse(null), get(Setting.SIGNING_KEY).orElse(null),
                        get(Setting.SIZES), get(Setting.CORS_ORIGINS)),
                get(Setting.LOG_FORMAT),
                get(Setting.IMAGE_ENGINE), features);
    }

    /**
     * Presets (each read by the request parser, so a bad key or value fails the start) and the
     * watermark; null when one is invalid (already reported).
     */
    private dev.sis.config.VariantFeatures features(ImageLimits image) {
        java.util.List<dev.sis.config.Preset> presets = get(Setting.PRESETS);
        Boolean presetsOnly = get(Setting.PRESETS_ONLY);
        Optional<String> watermarkFile = get(Setting.WATERMARK);
        Boolean watermarkAll = get(Setting.WATERMARK_ALL);
        if (presets == null || presetsOnly == null || watermarkFile == null || watermarkAll == null) {
            return null;
        }
        int before = values.problems().size();
        dev.sis.image.Watermark watermark = null;
        try {
            watermark = watermarkFile.map(f -> dev.sis.image.Watermark.load(java.nio.file.Path.of(f))).orElse(null);
        } catch (IllegalArgumentException unusable) { // also a path that is not one (InvalidPathException)
            problem(Setting.WATERMARK, unusable.getMessage(), false);
        }
        if (watermarkAll && watermarkFile.isEmpty()) {
            problem(Setting.WATERMARK_ALL, "needs --watermark, the file to put on every variant", false);
        }
        for (dev.sis.config.Preset preset : presets) {
            try {
                dev.sis.http.VariantParams.checkPreset(preset, image, watermark);
            } catch (RuntimeException bad) {
                problem(Setting.PRESETS, "the preset " + preset.name() + ": " + bad.getMessage(), false);
            }
        }
        if (presetsOnly && presets.isEmpty()) {
            problem(Setting.PRESETS_ONLY, "needs at least one --preset", false);
        }
        return values.problems().size() > before ? null
                : new dev.sis.config.VariantFeatures(presets, presetsOnly, watermark, watermarkAll);
    }

    /**
     * Store mode: -image is the data directory and --upstream must be unset. Agent mode:
     * the upstream is --upstream, else -image (sis 2.0's spelling); an agent keeps no data
     * directory, but -image given beside --upstream must still be a valid path.
     * --store names the store alone: file:DIR (the local store) or s3://bucket/prefix.
     */
    private StoreConfig store() {
        Boolean local = get(Setting.LOCAL_STORE);
        String image = get(Setting.IMAGE);
        Optional<String> upstream = get(Setting.UPSTREAM);
        Optional<StoreLocation> location = get(Setting.STORE);
        if (local == null || image == null || upstream == null || location == null) {
            return null;
        }
        // --store and the legacy spellings (-image, -localStore=false, --upstream) each name
        // the store: the one given at the higher level (flag over variable) wins, so an
        // image's SIS_STORE yields to a container's -image or agent flags, and the reverse.
        int legacy = Math.max(Math.max(level(Setting.IMAGE), level(Setting.UPSTREAM)),
                local ? 0 : level(Setting.LOCAL_STORE));
        if (location.isPresent() && level(Setting.STORE) >= legacy) {
            return explicitStore(location.get(), local, upstream, level(Setting.STORE) > legacy);
        }
        s3FlagsUnused();
        if (local) {
            if (upstream.isPresent()) {
                problem(Setting.UPSTREAM, "is only used in agent mode (-localStore=false)", true);
            }
            if (looksLikeUrl(image)) {
                problem(Setting.IMAGE, "must be a directory, not a URL, for the local store (add "
                        + "-localStore=false to run as an agent of that server)", true);
                return null;
            }
            Path dir = writableDirectory(image, Setting.IMAGE);
            return dir == null ? null : new StoreConfig.Local(dir);
        }
        if (upstream.isPresent()) {
            Path dir = directory(image, Setting.IMAGE);
            UpstreamConfig agent = upstream(upstream.get());
            return dir == null || agent == null ? null : new StoreConfig.Agent(agent);
        }
        try {
            UpstreamConfig agent = upstream(ValueType.url().parse(image));
            return agent == null ? null : new StoreConfig.Agent(agent);
        } catch (ValueType.InvalidValueException e) {
            problem(Setting.IMAGE, "must be, in agent mode (-localStore=false), " + ValueType.url().accepted(), true);
            return null;
        }
    }

    /** The cache: its bytes live off the heap, so its budget is not judged against the heap. */
    private CacheConfig cache() {
        Integer mib = get(Setting.CACHE);
        CacheConfig.CachePolicy policy = get(Setting.CACHE_POLICY);
        return mib == null || policy == null ? null : new CacheConfig(mib * MIB, policy);
    }

    /**
     * The store with --max-variant-storage when it is given. An agent keeps no variant of its
     * own (its server's budget governs), so the flag is a mistake there; the variable may be
     * set for every container, as the S3 variables may.
     */
    private StoreConfig variantBudget(StoreConfig store) {
        Optional<Long> budget = get(Setting.MAX_VARIANT_STORAGE);
        if (store == null || budget == null || budget.isEmpty()) {
            return store;
        }
        return switch (store) {
            case StoreConfig.Local local -> local.withMaxVariantBytes(budget.get());
            case StoreConfig.S3 bucket -> bucket.withMaxVariantBytes(budget.get());
            case StoreConfig.Agent agent -> {
                if (values.source(Setting.MAX_VARIANT_STORAGE) == Source.FLAG) {
                    problem(Setting.MAX_VARIANT_STORAGE, "is not used in agent mode: the server's budget governs", true);
                }
                yield agent;
            }
        };
    }

    /** The connections' deadlines and cap; null when one is invalid (already reported). */
    private ConnectionLimits connections() {
        for (Setting<Duration> timeout : List.of(Setting.HEADER_TIMEOUT, Setting.BODY_TIMEOUT)) {
            Duration value = get(timeout);
            if (value != null && value.isZero()) {
                problem(timeout, "must be longer than 0", true);
            }
        }
        if (!values.valid()) {
            return null;
        }
        return new ConnectionLimits(get(Setting.HEADER_TIMEOUT), get(Setting.MAX_CONNECTIONS),
                get(Setting.BODY_TIMEOUT), get(Setting.MIN_BODY_RATE));
    }

    /** The image budgets; null when one is invalid (already reported). */
    private ImageLimits image() {
        Duration timeout = get(Setting.DECODE_TIMEOUT);
        if (timeout != null && timeout.isZero()) {
            problem(Setting.DECODE_TIMEOUT, "must be longer than 0", true);
            return null;
        }
        if (!values.valid()) {
            return null;
        }
        // The default decode budget is half the heap sis is parsed for, which --check-config
        // of a container's flags may differ from this JVM's.
        long decodeMemory = values.given(Setting.DECODE_MEMORY)
                ? get(Setting.DECODE_MEMORY) : ImageLimits.defaultDecodeMemory(heapBytes);
        return new ImageLimits(get(Setting.MAX_SOURCE_PIXELS), get(Setting.MAX_OUTPUT_PIXELS),
                get(Setting.MAX_DIMENSION), get(Setting.MAX_DECODES), get(Setting.DECODE_QUEUE),
                get(Setting.MAX_ANIMATION_PIXELS), get(Setting.MAX_ANIMATION_FRAMES),
                decodeMemory, timeout, get(Setting.MAX_JPEG_SCANS), get(Setting.AUTO_FORMATS),
                get(Setting.AVIF_EFFORT), get(Setting.QUALITY));
    }

    /**
     * --store: file:DIR (the local store) or s3://bucket/prefix; it names the store alone.
     * The legacy spellings are ignored when given at a lower level ({@code wins}), else
     * each is a conflict.
     */
    private StoreConfig explicitStore(StoreLocation location, boolean local, Optional<String> upstream, boolean wins) {
        int before = values.problems().size();
        if (!local && !wins) {
            problem(Setting.STORE, "names a store of its own; agent mode (-localStore=false) takes --upstream", true);
        }
        if (upstream.isPresent() && !wins) {
            problem(Setting.UPSTREAM, "is only used in agent mode (-localStore=false), not with --store", true);
        }
        if (values.given(Setting.IMAGE) && !wins) {
            problem(Setting.IMAGE, "conflicts with --store; give the data directory once, as --store file:DIR", true);
        }
        return switch (location) {
            case StoreLocation.Local(Path dir) -> {
                s3FlagsUnused();
                Path checked = writableDirectory(dir.toString(), Setting.STORE);
                yield checked == null || values.problems().size() > before ? null
                        : new StoreConfig.Local(checked);
            }
            case StoreLocation.S3 bucket -> {
                S3Config s3 = s3(bucket);
                yield s3 == null || values.problems().size() > before ? null
                        : new StoreConfig.S3(s3);
            }
            case StoreLocation.Sis2 sis2 -> {
                problem(Setting.STORE, "sis2: is a source for sis migrate only", true);
                yield null;
            }
        };
    }

    /** The S3 store's settings; null when a part of it is invalid (already reported). */
    private S3Config s3(StoreLocation.S3 bucket) {
        Optional<String> endpoint = get(Setting.S3_ENDPOINT);
        Boolean pathStyle = get(Setting.S3_PATH_STYLE);
        Optional<String> region = get(Setting.S3_REGION);
        RemoteLimits limits = remoteLimits();
        if (endpoint == null || pathStyle == null || region == null || limits == null) {
            return null;
        }
        return new S3Config(bucket, endpoint.map(URI::create).orElse(null), pathStyle, region.orElse(null), limits);
    }

    /**
     * The --s3-… flags mean something only with --store s3://…: given as flags elsewhere,
     * they are a mistake. (Their variables may be set for every container, as the
     * agent-mode variables may in store mode.)
     */
    private void s3FlagsUnused() {
        for (Setting<?> s : List.of(Setting.S3_ENDPOINT, Setting.S3_PATH_STYLE, Setting.S3_REGION)) {
            Object value = get(s);
            boolean set = value instanceof Optional<?> given ? given.isPresent() : Boolean.TRUE.equals(value);
            if (values.source(s) == Source.FLAG && set) {
                problem(s, "is only used with --store s3://bucket/prefix", true);
            }
        }
    }

    /** The agent's view of its server; null when a part of it is invalid (already reported). */
    private UpstreamConfig upstream(String url) {
        RemoteLimits limits = remoteLimits();
        Duration check = get(Setting.UPSTREAM_CHECK_TIMEOUT);
        if (check != null && check.isZero()) {
            problem(Setting.UPSTREAM_CHECK_TIMEOUT, "must be longer than 0", true);
            return null;
        }
        UpstreamDialect dialect = get(Setting.UPSTREAM_DIALECT);
        return limits == null || check == null || dialect == null ? null
                : new UpstreamConfig(URI.create(url), limits, check, dialect);
    }

    /** What agent and S3 mode share: timeouts, retries and the spool folder; null when invalid (reported). */
    private RemoteLimits remoteLimits() {
        Duration connect = get(Setting.UPSTREAM_CONNECT_TIMEOUT);
        Duration timeout = get(Setting.UPSTREAM_TIMEOUT);
        Integer retries = get(Setting.UPSTREAM_RETRIES);
        Optional<String> spool = get(Setting.SPOOL_DIR);
        if (connect == null || timeout == null || retries == null || spool == null) {
            return null;
        }
        if (connect.isZero() || timeout.isZero()) {
            problem(connect.isZero() ? Setting.UPSTREAM_CONNECT_TIMEOUT : Setting.UPSTREAM_TIMEOUT,
                    "must be longer than 0", true);
            return null;
        }
        Path spoolDir;
        try {
            spoolDir = spool.isEmpty() ? Path.of(System.getProperty("java.io.tmpdir"), "sis-spool") : Path.of(spool.get());
        } catch (InvalidPathException e) {
            problem(Setting.SPOOL_DIR, "must be a valid directory path", true);
            return null;
        }
        return new RemoteLimits(connect, timeout, retries, spoolDir);
    }

    /** sis 2.0 took the agent's server in -image: a URL there without agent mode is a forgotten flag. */
    private static boolean looksLikeUrl(String image) {
        return image.matches("(?i)[a-z][a-z0-9+.-]*://.*");
    }

    /** The local store's data directory, if the store could write it (see {@link DataDirectoryCheck}). */
    private Path writableDirectory(String image, Setting<?> setting) {
        Path dir = directory(image, setting);
        Optional<String> unwritable = dir == null ? Optional.empty() : DataDirectoryCheck.problem(dir, startsHere);
        unwritable.ifPresent(reason -> problem(setting, reason, false));
        return unwritable.isPresent() ? null : dir;
    }

    private Path directory(String image, Setting<?> setting) {
        try {
            Path dir = Path.of(image);
            if (Files.exists(dir) && !Files.isDirectory(dir)) {
                problem(setting, "must be a directory, not an existing file", true);
                return null;
            }
            return dir;
        } catch (InvalidPathException e) {
            problem(setting, "must be a valid directory path", true);
            return null;
        }
    }
}
