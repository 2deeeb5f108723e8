package dev.sis.cli;

import dev.sis.config.CacheConfig;
import dev.sis.config.HeapShare;
import dev.sis.config.ConnectionLimits;
import dev.sis.config.ImageLimits;
import dev.sis.config.SecurityConfig;
import dev.sis.config.S3Config;
import dev.sis.config.AccessLogConfig;
import dev.sis.config.ServerConfig;
import dev.sis.config.StoreLocation;
import dev.sis.config.UpstreamConfig;
import dev.sis.config.SisConfig;
import dev.sis.config.StoreConfig;
import dev.sis.config.StoreConfig.StoreMode;
import dev.sis.config.UploadLimits;
import dev.sis.cli.ValueType.InvalidValueException;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the command line and the environment into a validated {@link SisConfig}.
 *
 * <p>Design note: picocli only splits the command line into raw strings (its type conversion
 * stops at the first error). Each setting's value is then taken from the flag, else its
 * {@code SIS_…} variable, else the default, and parsed by its {@link ValueType}, so that every
 * problem of one command line is reported at once. An environment variable set to the empty
 * string counts as unset. Stateless and thread-safe.
 */
public final class CommandLineParser {
    private static final long MIB = 1024L * 1024L;
    private CommandLineParser() {
    }

    /** Parses for this JVM: a cache is judged against its heap (see {@link HeapShare}). */
    public static ParseResult parse(String[] args, Map<String, String> env) {
        return parse(args, env, HeapShare.maxHeap());
    }

    /**
     * Parses for a JVM whose maximum heap is {@code heapBytes}: what {@code --check-config} would
     * say in a container of another size.
     */
    public static ParseResult parse(String[] args, Map<String, String> env, long heapBytes) {
        CommandSpec spec = CommandSpec.create();
        Map<OptionSpec, Setting<?>> settingOf = new IdentityHashMap<>();
        for (Setting<?> s : Setting.ALL) {
            OptionSpec.Builder builder = OptionSpec.builder(s.flags().toArray(String[]::new))
                    .type(String.class)
                    .paramLabel("<" + s.label() + ">")
                    .arity("1");
            if (s.type().isBoolean()) {
                builder.arity("0..1").fallbackValue("true"); // Go: a bare boolean flag means true
            }
            OptionSpec option = builder.build();
            spec.addOption(option);
            settingOf.put(option, s);
        }
        spec.addOption(OptionSpec.builder("-h", "-help", "--help").usageHelp(true).build());
        spec.addOption(OptionSpec.builder("-version", "--version").versionHelp(true).build());
        spec.parser()
                .collectErrors(true)              // report every problem, not the first
                .unmatchedArgumentsAllowed(true)  // unknown flags are reported below, with the others
                .overwrittenOptionsAllowed(true)  // as in Go: the last one wins
                .posixClusteredShortOptionsAllowed(false)
                .expandAtFiles(false);            // "@file" is a value, never a file to read

        CommandLine.ParseResult parsed = new CommandLine(spec).parseArgs(args);
        if (parsed.isUsageHelpRequested()) {
            return new ParseResult.Help(Usage.text());
        }
        if (parsed.isVersionHelpRequested()) {
            return new ParseResult.Version("sis " + version());
        }

        Values values = new Values(heapBytes);
        for (Setting<?> s : Setting.ALL) {
            values.resolve(s, parsed, env);
        }
        for (Exception e : parsed.errors()) {
            values.problems.add(describe(e, settingOf));
        }
        for (String arg : parsed.unmatched()) {
            values.problems.add(unmatched(arg));
        }
        SisConfig config = values.build();
        return values.problems.isEmpty() ? new ParseResult.Run(config)
                : new ParseResult.Invalid(values.problems, Usage.text());
    }

    /** The version of the running jar, from its manifest. */
    public static String version() {
        String v = CommandLineParser.class.getPackage().getImplementationVersion();
        return v == null ? "(development build)" : v;
    }

    /** Where a raw value came from, for messages: a flag, a variable ({@code env}) or the default. */
    private record Raw(String text, String env, boolean flag) {
        /** 2 for a flag, 1 for a variable, 0 for the default: a higher level wins. */
        int level() {
            return flag ? 2 : env != null ? 1 : 0;
        }
    }

    /** The values parsed so far and the problems found. */
    private static final class Values {
        final Map<Setting<?>, Object> parsed = new HashMap<>();
        final Map<Setting<?>, Raw> raws = new HashMap<>();
        final List<String> problems = new ArrayList<>();
        final long heapBytes;

        Values(long heapBytes) {
            this.heapBytes = heapBytes;
        }

        void resolve(Setting<?> s, CommandLine.ParseResult cl, Map<String, String> env) {
            String fromEnv = env.get(s.env());
            Raw raw = cl.hasMatchedOption(s.flags().getFirst())
                    ? new Raw(cl.matchedOption(s.flags().getFirst()).getValue(), null, true)
                    : fromEnv != null && !fromEnv.isEmpty() ? new Raw(fromEnv, s.env(), false)
                    : new Raw(s.defaultValue(), null, false);
            raws.put(s, raw);
            try {
                parsed.put(s, s.type().parse(raw.text()));
            } catch (InvalidValueException e) {
                problem(s, e.getMessage(), !s.type().isSecret());
            }
        }

        @SuppressWarnings("unchecked")
        <T> T get(Setting<T> s) {
            return (T) parsed.get(s);
        }

        void problem(Setting<?> s, String reason, boolean showValue) {
            Raw raw = raws.get(s);
            problems.add(s.name() + ": " + reason
                    + (showValue ? ", got " + quote(raw.text()) : "")
                    + (raw.env() != null ? " (from " + raw.env() + ")" : ""));
        }

        /** The config when every value is valid, else {@code null} (the problems say why). */
        SisConfig build() {
            StoreConfig store = variantBudget(store());
            ImageLimits image = image();
            CacheConfig cache = image == null ? null : cache(image);
            ConnectionLimits connections = connections();
            if (!problems.isEmpty()) {
                return null;
            }
            return new SisConfig(
                    new ServerConfig(get(Setting.HOST), get(Setting.PORT), get(Setting.SHUTDOWN_TIMEOUT), connections,
                            new AccessLogConfig(get(Setting.ACCESS_LOG), get(Setting.TRUSTED_PROXIES))),
                    store,
                    cache,
                    new UploadLimits(get(Setting.MAX_REQUEST_SIZE), get(Setting.MAX_NAME_BYTES),
                            get(Setting.ACCEPT_ANY_FILE), get(Setting.UPLOAD_MEMORY)),
                    image,
                    new SecurityConfig(get(Setting.INTERNAL_TOKEN).orElse(null), get(Setting.UPLOAD_TOKEN).orElse(null),
                            get(Setting.ADMIN_TOKEN).orElse(null), get(Setting.SIGNING_KEY).orElse(null),
                            get(Setting.SIZES), get(Setting.CORS_ORIGINS)),
                    get(Setting.LOG_FORMAT),
                    get(Setting.IMAGE_ENGINE));
        }

        /**
         * Store mode: -image is the data directory and --upstream must be unset. Agent mode:
         * the upstream is --upstream, else -image (sis 2.0's spelling); the data directory then
         * stays -image's path when --upstream is given, else the default (it is not used).
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
                return explicitStore(location.get(), local, image, upstream, level(Setting.STORE) > legacy);
            }
            s3FlagsUnused();
            if (local) {
                if (upstream.isPresent()) {
                    problem(Setting.UPSTREAM, "is only used in agent mode (-localStore=false)", true);
                }
                Path dir = directory(image, Setting.IMAGE);
                return dir == null ? null : new StoreConfig(StoreMode.LOCAL, dir, null);
            }
            if (upstream.isPresent()) {
                Path dir = directory(image, Setting.IMAGE);
                UpstreamConfig agent = upstream(upstream.get());
                return dir == null || agent == null ? null : new StoreConfig(StoreMode.AGENT, dir, agent);
            }
            try {
                UpstreamConfig agent = upstream(ValueType.url().parse(image));
                return agent == null ? null : new StoreConfig(StoreMode.AGENT, Path.of(Setting.IMAGE.defaultValue()), agent);
            } catch (InvalidValueException e) {
                problem(Setting.IMAGE, "must be, in agent mode (-localStore=false), " + ValueType.url().accepted(), true);
                return null;
            }
        }

        /**
         * The cache, if it fits the heap beside the decodes (see {@link HeapShare}): an explicit
         * --cache that does not is a problem; the default one is shrunk, so that sis with no flags
         * starts on a small heap.
         */
        private CacheConfig cache(ImageLimits image) {
            Integer mib = get(Setting.CACHE);
            CacheConfig.CachePolicy policy = get(Setting.CACHE_POLICY);
            if (mib == null || policy == null) {
                return null;
            }
            long asked = mib * MIB;
            HeapShare heap = HeapShare.of(heapBytes, image.decodeMemoryBytes());
            if (asked <= heap.largestCache()) {
                return new CacheConfig(asked, policy);
            }
            if (level(Setting.CACHE) == 0) {
                return new CacheConfig(heap.largestCache() / MIB * MIB, policy, asked);
            }
            problem(Setting.CACHE, mib + " MiB does not fit in the Java heap of " + heap.heapBytes() / MIB
                    + " MiB beside the decodes' " + heap.decodeBytes() / MIB + " MiB (--decode-memory) and "
                    + heap.reserveBytes() / MIB + " MiB kept for requests: at most " + heap.largestCache() / MIB
                    + " MiB fits; give a smaller --cache, a larger heap (SIS_JAVA_OPTS=-Xmx..., or more memory "
                    + "for the container) or a smaller --decode-memory", false);
            return null;
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
            if (store.mode() == StoreMode.AGENT) {
                if (level(Setting.MAX_VARIANT_STORAGE) == 2) {
                    problem(Setting.MAX_VARIANT_STORAGE, "is not used in agent mode: the server's budget governs", true);
                }
                return store;
            }
            return store.withMaxVariantBytes(budget.get());
        }

        /** The connections' deadlines and cap; null when one is invalid (already reported). */
        private ConnectionLimits connections() {
            for (Setting<Duration> timeout : List.of(Setting.HEADER_TIMEOUT, Setting.BODY_TIMEOUT)) {
                Duration value = get(timeout);
                if (value != null && value.isZero()) {
                    problem(timeout, "must be longer than 0", true);
                }
            }
            if (!problems.isEmpty()) {
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
            if (!problems.isEmpty()) {
                return null;
            }
            // The default decode budget is half the heap sis is parsed for, which --check-config
            // of a container's flags (see parse) may differ from this JVM's.
            long decodeMemory = level(Setting.DECODE_MEMORY) == 0
                    ? ImageLimits.defaultDecodeMemory(heapBytes) : get(Setting.DECODE_MEMORY);
            return new ImageLimits(get(Setting.MAX_SOURCE_PIXELS), get(Setting.MAX_OUTPUT_PIXELS),
                    get(Setting.MAX_DIMENSION), get(Setting.MAX_DECODES), get(Setting.DECODE_QUEUE),
                    get(Setting.MAX_ANIMATION_PIXELS), get(Setting.MAX_ANIMATION_FRAMES),
                    decodeMemory, timeout, get(Setting.MAX_JPEG_SCANS));
        }

        /**
         * --store: file:DIR (the local store) or s3://bucket/prefix; it names the store alone.
         * The legacy spellings are ignored when given at a lower level ({@code wins}), else
         * each is a conflict.
         */
        private StoreConfig explicitStore(StoreLocation location, boolean local, String image, Optional<String> upstream,
                                          boolean wins) {
            int before = problems.size();
            if (!local && !wins) {
                problem(Setting.STORE, "names a store of its own; agent mode (-localStore=false) takes --upstream", true);
            }
            if (upstream.isPresent() && !wins) {
                problem(Setting.UPSTREAM, "is only used in agent mode (-localStore=false), not with --store", true);
            }
            if (level(Setting.IMAGE) > 0 && !wins) {
                problem(Setting.IMAGE, "conflicts with --store; give the data directory once, as --store file:DIR", true);
            }
            return switch (location) {
                case StoreLocation.Local(Path dir) -> {
                    s3FlagsUnused();
                    Path checked = directory(dir.toString(), Setting.STORE);
                    yield checked == null || problems.size() > before ? null : new StoreConfig(StoreMode.LOCAL, checked, null);
                }
                case StoreLocation.S3 bucket -> {
                    S3Config s3 = s3(bucket);
                    yield s3 == null || problems.size() > before ? null
                            : new StoreConfig(StoreMode.S3, Path.of(Setting.IMAGE.defaultValue()), null, s3);
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
            Remote remote = remote();
            if (endpoint == null || pathStyle == null || region == null || remote == null) {
                return null;
            }
            return new S3Config(bucket, endpoint.map(URI::create).orElse(null), pathStyle, region.orElse(null),
                    remote.connect(), remote.timeout(), remote.retries(), remote.spoolDir());
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
                if (level(s) == 2 && set) {
                    problem(s, "is only used with --store s3://bucket/prefix", true);
                }
            }
        }

        private int level(Setting<?> s) {
            Raw raw = raws.get(s);
            return raw == null ? 0 : raw.level();
        }

        /** The agent's view of its server; null when a part of it is invalid (already reported). */
        private UpstreamConfig upstream(String url) {
            Remote remote = remote();
            Duration check = get(Setting.UPSTREAM_CHECK_TIMEOUT);
            if (check != null && check.isZero()) {
                problem(Setting.UPSTREAM_CHECK_TIMEOUT, "must be longer than 0", true);
                return null;
            }
            return remote == null || check == null ? null
                    : new UpstreamConfig(URI.create(url), remote.connect(), remote.timeout(), remote.retries(),
                            remote.spoolDir(), check);
        }

        /** What agent and S3 mode share: timeouts, retries and the spool folder. */
        private record Remote(Duration connect, Duration timeout, int retries, Path spoolDir) {
        }

        private Remote remote() {
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
            return new Remote(connect, timeout, retries, spoolDir);
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

    private static String describe(Exception e, Map<OptionSpec, Setting<?>> settingOf) {
        if (e instanceof CommandLine.MissingParameterException missing && !missing.getMissing().isEmpty()) {
            ArgSpec arg = missing.getMissing().getFirst();
            Setting<?> s = arg instanceof OptionSpec o ? settingOf.get(o) : null;
            if (s != null) {
                return s.name() + ": needs a value, like " + s.name() + "=<" + s.label() + ">";
            }
        }
        return e instanceof ParameterException ? e.getMessage() : "cannot read the command line: " + e;
    }

    private static String unmatched(String arg) {
        String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
        boolean known = Setting.ALL.stream().anyMatch(s -> s.flags().contains(name)); // a flag after "--"
        if (!arg.startsWith("-") || arg.equals("-") || known) {
            return "unexpected argument " + quote(arg) + " (sis takes only flags)";
        }
        return "unknown flag " + quote(name) + suggestion(name);
    }

    /** "did you mean" for a flag that differs only in case, dashes or underscores. */
    private static String suggestion(String flag) {
        String wanted = normalized(flag);
        for (Setting<?> s : Setting.ALL) {
            for (String f : s.flags()) {
                if (normalized(f).equals(wanted)) {
                    return "; did you mean " + s.name() + "?";
                }
            }
        }
        return "";
    }

    private static String normalized(String flag) {
        return flag.replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
    }

    /** The value in double quotes, with quotes, backslashes and control characters escaped. */
    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        s.codePoints().forEach(c -> {
            if (c == '"' || c == '\\') {
                b.append('\\').appendCodePoint(c);
            } else if (Character.isISOControl(c)) {
                b.append("\\u%04x".formatted(c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.append('"').toString();
    }
}
