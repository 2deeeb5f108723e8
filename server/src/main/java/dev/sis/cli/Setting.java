package dev.sis.cli;

import dev.sis.config.CacheConfig.CachePolicy;
import dev.sis.config.ConnectionLimits;
import dev.sis.config.ImageLimits;
import dev.sis.config.ServerConfig;
import dev.sis.config.UploadLimits;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One setting of the command line: its flag names, environment variable, default, meaning
 * and value type. {@link #ALL} is the table the parser, the usage text and
 * {@code docs/configuration.md} are made from; add a setting here and it appears in all three.
 *
 * @param flags        every accepted spelling; the first {@code --} one names the setting in messages
 * @param env          the environment variable; null for a subcommand's flag that has none
 * @param label        the value's placeholder in the usage text
 * @param defaultValue the raw default, parsed like any other value
 * @param defaultShown how the default is documented (differs when it depends on the machine)
 * @param meaning      one sentence for the usage text and the docs
 * @param type         how the raw text becomes a value
 * @param <T>          the value's type
 */
public record Setting<T>(List<String> flags, String env, String label, String defaultValue, String defaultShown,
                         String meaning, ValueType<T> type) {

    private static final int CORES = Runtime.getRuntime().availableProcessors();

    public static final Setting<Integer> PORT = new Setting<>(List.of("-port", "--port"), "SIS_PORT", "port",
            "3333", "TCP port to listen on; 0 picks any free port.", ValueType.integer(0, 65_535));

    public static final Setting<String> HOST = new Setting<>(List.of("-host", "--host"), "SIS_HOST", "address",
            "0.0.0.0", "Interface to listen on; 0.0.0.0 means all interfaces.",
            ValueType.word("a host name or IP address"));

    public static final Setting<Boolean> LOCAL_STORE = new Setting<>(
            List.of("-localStore", "--localStore", "--local-store"), "SIS_LOCAL_STORE", "bool",
            "true", "true: store mode, this process keeps the files. false: agent mode, an upstream sis server keeps them.",
            ValueType.bool());

    public static final Setting<String> IMAGE = new Setting<>(List.of("-image", "--image"), "SIS_IMAGE", "dir|url",
            "image", "Store mode: the data directory, relative to the working directory. "
                    + "Agent mode: the upstream server's base URL, unless --upstream gives it.",
            ValueType.text("a directory (store mode) or an http or https URL (agent mode)"));

    public static final Setting<Optional<String>> UPSTREAM = new Setting<>(List.of("-upstream", "--upstream"),
            "SIS_UPSTREAM", "url", "", "none",
            "Agent mode only: the upstream server's base URL (the explicit spelling of -image in agent mode).",
            ValueType.optionalUrl());

    public static final Setting<Optional<dev.sis.config.StoreLocation>> STORE = new Setting<>(
            List.of("-store", "--store"), "SIS_STORE", "location", "", "none (-image's directory)",
            "Where the files are kept: file:/path (a directory; -image is its legacy spelling) or s3://bucket/prefix "
                    + "(objects in a bucket shared by any number of sis instances; credentials from the AWS SDK's chain: "
                    + "AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, a profile, a role).",
            ValueType.optionalStore());

    public static final Setting<Optional<String>> S3_ENDPOINT = new Setting<>(
            List.of("-s3-endpoint", "--s3-endpoint"), "SIS_S3_ENDPOINT", "url", "", "none (AWS S3)",
            "With --store s3://: the S3 server's URL, for MinIO, Ceph RGW, SeaweedFS, R2 and the like.",
            ValueType.optionalUrl());

    public static final Setting<Boolean> S3_PATH_STYLE = new Setting<>(
            List.of("-s3-path-style", "--s3-path-style"), "SIS_S3_PATH_STYLE", "bool", "false",
            "With --store s3://: address the bucket in the path (http://host/bucket/key), as most S3-compatible "
                    + "servers want, instead of in the host name.",
            ValueType.bool());

    public static final Setting<Optional<String>> S3_REGION = new Setting<>(
            List.of("-s3-region", "--s3-region"), "SIS_S3_REGION", "region", "", "AWS_REGION, else us-east-1",
            "With --store s3://: the bucket's region, used to sign requests.",
            ValueType.optionalRegion());

    public static final Setting<Optional<Long>> MAX_VARIANT_STORAGE = new Setting<>(
            List.of("-max-variant-storage", "--max-variant-storage"), "SIS_MAX_VARIANT_STORAGE", "size", "",
            "10% of the store's volume; 10GiB on S3",
            "Store and S3 mode: bytes of resized variants kept beside the originals; beyond it the least recently "
                    + "used are removed (and made again when asked). 0 keeps none. Originals are never removed. "
                    + "Agents keep none: their server's budget governs.",
            ValueType.optionalByteSize(0, 1L << 50));

    public static final Setting<Integer> CACHE = new Setting<>(List.of("-cache", "--cache"), "SIS_CACHE", "MiB",
            "100", "In-memory cache budget in MiB; 0 disables the cache.", ValueType.integer(0, 1_048_576));

    public static final Setting<CachePolicy> CACHE_POLICY = new Setting<>(List.of("-cache-policy", "--cache-policy"),
            "SIS_CACHE_POLICY", "policy", "tinylfu",
            "Cache eviction: fifo (sis 2.0's, oldest first) or tinylfu (keeps what is asked for often).",
            ValueType.choice(CachePolicy.class));

    public static final Setting<Long> MAX_REQUEST_SIZE = new Setting<>(
            List.of("-max-request-size", "--max-request-size"), "SIS_MAX_REQUEST_SIZE", "size", "50MiB",
            "Largest upload request, all files together; larger ones get 413.",
            ValueType.byteSize(1, 1L << 40));

    public static final Setting<Integer> MAX_NAME_BYTES = new Setting<>(
            List.of("-max-name-bytes", "--max-name-bytes"), "SIS_MAX_NAME_BYTES", "n", "50",
            "Longest uploaded file name, in UTF-8 bytes; longer ones get 413.", ValueType.integer(1, 255));

    public static final Setting<Boolean> ACCEPT_ANY_FILE = new Setting<>(
            List.of("-accept-any-file", "--accept-any-file"), "SIS_ACCEPT_ANY_FILE", "bool", "false",
            "Store any file, not only images in a supported format (sis 2.0's behaviour).", ValueType.bool());

    public static final Setting<Long> UPLOAD_MEMORY = new Setting<>(List.of("-upload-memory", "--upload-memory"),
            "SIS_UPLOAD_MEMORY", "size", (UploadLimits.defaultMemory() >> 20) + "MiB",
            "a sixteenth of the maximum Java heap (-Xmx)",
            "Memory the uploads in flight may hold together: 128 KiB of buffers each, and copies of files up to 8 MiB "
                    + "kept for the cache; beyond it files go to disk only, and an upload that cannot get its buffers gets 503.",
            ValueType.byteSize(UploadLimits.MIN_MEMORY, 1L << 40));

    public static final Setting<Long> MAX_SOURCE_PIXELS = new Setting<>(
            List.of("-max-source-pixels", "--max-source-pixels"), "SIS_MAX_SOURCE_PIXELS", "pixels", "50000000",
            "Largest source image (width x height, read from its header) a resized variant is made of.",
            ValueType.pixels(1, 1_000_000_000_000L));

    public static final Setting<Long> MAX_OUTPUT_PIXELS = new Setting<>(
            List.of("-max-output-pixels", "--max-output-pixels"), "SIS_MAX_OUTPUT_PIXELS", "pixels", "25000000",
            "Largest resized variant (width x height) that is made.", ValueType.pixels(1, 1_000_000_000_000L));

    public static final Setting<Integer> MAX_DIMENSION = new Setting<>(
            List.of("-max-dimension", "--max-dimension"), "SIS_MAX_DIMENSION", "pixels", "10000",
            "Largest width or height the /v1 API accepts.", ValueType.integer(1, 1_048_576));

    public static final Setting<Integer> MAX_DECODES = new Setting<>(List.of("-max-decodes", "--max-decodes"),
            "SIS_MAX_DECODES", "n", String.valueOf(Math.min(CORES, 1024)), "number of processors",
            "How many variants are made at the same time, each on a decode thread of its own (never on a thread "
                    + "that answers requests).", ValueType.integer(1, 1024));

    public static final Setting<Integer> DECODE_QUEUE = new Setting<>(List.of("-decode-queue", "--decode-queue"),
            "SIS_DECODE_QUEUE", "n", String.valueOf(Math.min(4 * CORES, 100_000)), "4 x number of processors",
            "How many requests may wait for a decode slot; beyond that they get 503, before the original is read.",
            ValueType.integer(0, 100_000));

    public static final Setting<Long> DECODE_MEMORY = new Setting<>(List.of("-decode-memory", "--decode-memory"),
            "SIS_DECODE_MEMORY", "size", (ImageLimits.defaultDecodeMemory() >> 20) + "MiB",
            "half the maximum Java heap (-Xmx)",
            "Memory the decodes running at once may use together, estimated from each image's header; "
                    + "a decode that does not fit waits in the queue.",
            ValueType.byteSize(ImageLimits.MIN_DECODE_MEMORY, 1L << 40));

    public static final Setting<Duration> DECODE_TIMEOUT = new Setting<>(
            List.of("-decode-timeout", "--decode-timeout"), "SIS_DECODE_TIMEOUT", "duration", "30s",
            "How long making one variant may take; then 422.", ValueType.duration(Duration.ofHours(1)));

    public static final Setting<Long> MAX_ANIMATION_PIXELS = new Setting<>(
            List.of("-max-animation-pixels", "--max-animation-pixels"), "SIS_MAX_ANIMATION_PIXELS", "pixels",
            "100000000", "Largest animated GIF that is resized and kept animated: frames x width x height.",
            ValueType.pixels(1, 1_000_000_000_000L));

    public static final Setting<Integer> MAX_ANIMATION_FRAMES = new Setting<>(
            List.of("-max-animation-frames", "--max-animation-frames"), "SIS_MAX_ANIMATION_FRAMES", "n", "1000",
            "Most frames an animated GIF may have to be resized.", ValueType.integer(1, 1_000_000));

    public static final Setting<Integer> MAX_JPEG_SCANS = new Setting<>(
            List.of("-max-jpeg-scans", "--max-jpeg-scans"), "SIS_MAX_JPEG_SCANS", "n", "100",
            "Most scans a JPEG may have to be resized (a progressive JPEG's every scan walks the whole image "
                    + "again; encoders write 1 to about 10).", ValueType.integer(1, 1_000_000));

    public static final Setting<Duration> SHUTDOWN_TIMEOUT = new Setting<>(
            List.of("-shutdown-timeout", "--shutdown-timeout"), "SIS_SHUTDOWN_TIMEOUT", "duration", "30s",
            "How long a graceful stop waits for in-flight requests.", ValueType.duration(Duration.ofHours(1)));

    public static final Setting<Duration> WARM_UP = new Setting<>(
            List.of("-warm-up", "--warm-up"), "SIS_WARM_UP", "duration", "1500ms",
            "How long sis reads cached images from a private throw-away instance of itself (loopback, temporary "
                    + "files, its own small cache) at start, after one upload to it, before /readyz says ready: the JIT "
                    + "has compiled the cached-read path by then. /healthz and every route answer meanwhile. 0: none.",
            ValueType.duration(ServerConfig.MAX_WARM_UP));

    public static final Setting<Duration> HEADER_TIMEOUT = new Setting<>(
            List.of("-header-timeout", "--header-timeout"), "SIS_HEADER_TIMEOUT", "duration", "10s",
            "How long a request's headers may take to arrive, from the connection's start or the end of the previous "
                    + "answer (so also how long an idle kept-alive connection stays open); then the connection is closed.",
            ValueType.duration(Duration.ofHours(1)));

    public static final Setting<Integer> MAX_CONNECTIONS = new Setting<>(
            List.of("-max-connections", "--max-connections"), "SIS_MAX_CONNECTIONS", "n",
            String.valueOf(ConnectionLimits.defaultMaxConnections()),
            "three quarters of the process's file-descriptor limit, at most one per 16 KiB of heap",
            "How many connections may be open at once; at the cap, a new connection closes the one that has waited "
                    + "longest for its request's headers, and sis stops accepting when none is waiting.",
            ValueType.integer(1, 10_000_000));

    public static final Setting<Duration> BODY_TIMEOUT = new Setting<>(
            List.of("-body-timeout", "--body-timeout"), "SIS_BODY_TIMEOUT", "duration", "20s",
            "How long a request body may take, plus 1 s for every --min-body-rate bytes received; a slower body is cut "
                    + "(408) and its connection closed.",
            ValueType.duration(Duration.ofHours(24)));

    public static final Setting<Long> MIN_BODY_RATE = new Setting<>(
            List.of("-min-body-rate", "--min-body-rate"), "SIS_MIN_BODY_RATE", "size", "1KiB",
            "The pace, per second, a request body must keep on average once its --body-timeout is used up.",
            ValueType.byteSize(1, 1L << 30));

    public static final Setting<Optional<String>> INTERNAL_TOKEN = new Setting<>(
            List.of("-internal-token", "--internal-token"), "SIS_INTERNAL_TOKEN", "token", "", "none",
            "Server: the store routes (/derect_up, /internal/...) require it as a Bearer token; without it they "
                    + "take no deletes and no variants. Agent: sent to the upstream server; without it, the variants the "
                    + "agent makes stay in its memory. Prefer the variable: flags show in process lists.",
            ValueType.optionalSecret());

    public static final Setting<Optional<String>> UPLOAD_TOKEN = new Setting<>(
            List.of("-upload-token", "--upload-token"), "SIS_UPLOAD_TOKEN", "token", "", "none (uploads are open)",
            "Every upload route (legacy and /v1) requires it: Authorization: Bearer <token>, or ?token=<token>.",
            ValueType.optionalSecret());

    public static final Setting<Optional<String>> ADMIN_TOKEN = new Setting<>(
            List.of("-admin-token", "--admin-token"), "SIS_ADMIN_TOKEN", "token", "", "none (admin routes are off)",
            "DELETE and admin routes require it as a Bearer token; without it they answer 403.",
            ValueType.optionalSecret());

    public static final Setting<Optional<String>> SIGNING_KEY = new Setting<>(
            List.of("-signing-key", "--signing-key"), "SIS_SIGNING_KEY", "key", "", "none (variant URLs unsigned)",
            "Variant URLs need sig=, the HMAC-SHA256 of their path and query with this key (see: sis sign).",
            ValueType.optionalSecret());

    public static final Setting<java.util.Set<String>> SIZES = new Setting<>(List.of("-sizes", "--sizes"),
            "SIS_SIZES", "list", "", "none (any size)",
            "The only variant sizes made, like 300x200,100x100 (300x: width 300, height not given).",
            ValueType.sizes());

    public static final Setting<java.util.List<dev.sis.config.Preset>> PRESETS = new Setting<>(
            List.of("-preset", "--preset"), "SIS_PRESETS", "name=params", "", "none",
            "A named /v1 variant, used as ?preset=name: name=w:300,h:200,fit:cover (any variant parameter as key:value; "
                    + "eager: made right after each upload). Repeat the flag for more; the variable separates them with ;.",
            ValueType.presets());

    public static final Setting<Boolean> PRESETS_ONLY = new Setting<>(
            List.of("-presets-only", "--presets-only"), "SIS_PRESETS_ONLY", "bool", "false",
            "/v1 variants are made only from --preset names (originals stay open); other variant parameters get 403.",
            ValueType.bool());

    public static final Setting<Optional<String>> WATERMARK = new Setting<>(
            List.of("-watermark", "--watermark"), "SIS_WATERMARK", "file", "", "none",
            "A PNG (with alpha; at most 4 MiB and 4096 pixels a side) that /v1 variants asked for with "
                    + "wm=opacity[,position[,scale]] carry; read and checked at start.",
            ValueType.optionalText("a PNG file"));

    public static final Setting<Boolean> WATERMARK_ALL = new Setting<>(
            List.of("-watermark-all", "--watermark-all"), "SIS_WATERMARK_ALL", "bool", "false",
            "Every /v1 variant carries --watermark (opacity 0.5, southeast, 0.25 unless wm= says otherwise; wm=0 is "
                    + "refused). Originals and the legacy routes never do.",
            ValueType.bool());

    public static final Setting<java.util.Set<String>> CORS_ORIGINS = new Setting<>(
            List.of("-cors-origins", "--cors-origins"), "SIS_CORS_ORIGINS", "list", "", "none",
            "Web origins whose pages may call /v1 and the legacy upload routes from a browser (* for any); when unset, /up allows any, as sis 2.0 did.",
            ValueType.origins());

    public static final Setting<dev.sis.config.SisConfig.EngineChoice> IMAGE_ENGINE = new Setting<>(
            List.of("-image-engine", "--image-engine"), "SIS_IMAGE_ENGINE", "engine", "auto",
            "What makes variants: vips (libvips, if installed: faster), java (pure Java, nothing to install) "
                    + "or auto (vips when libvips loads, else java; with libvips, variants of progressive JPEGs at 1/8 or "
                    + "less go to java's scaled decoder, measured faster there).",
            ValueType.choice(dev.sis.config.SisConfig.EngineChoice.class));

    public static final Setting<java.util.List<dev.sis.image.ImageFormat>> AUTO_FORMATS = new Setting<>(
            List.of("-auto-formats", "--auto-formats"), "SIS_AUTO_FORMATS", "list", "avif,webp",
            "What format=auto may answer with, best first, when the request's Accept names it (avif only with the "
                    + "vips engine); otherwise the source's format. Empty: auto always gives the source's format.",
            ValueType.autoFormats());

    public static final Setting<Integer> AVIF_EFFORT = new Setting<>(
            List.of("-avif-effort", "--avif-effort"), "SIS_AVIF_EFFORT", "n", "2",
            "CPU effort of AVIF variants (vips engine), 0 fastest to 9 smallest: an 800 px AVIF took 0.13 s at 2, "
                    + "0.71 s at 4, 9 s at 9.",
            ValueType.integer(0, 9));

    public static final Setting<java.util.Map<dev.sis.image.ImageFormat, Integer>> QUALITY = new Setting<>(
            List.of("-quality", "--quality"), "SIS_QUALITY", "list",
            dev.sis.config.FormatQualities.describe(dev.sis.config.FormatQualities.DEFAULTS),
            "The q of a variant whose request names a format (or format=auto picks one) but no q; formats left out "
                    + "keep these. WebP and AVIF match JPEG q85's SSIM at them (docs/performance.md). A request's q wins.",
            ValueType.formatQualities());

    public static final Setting<dev.sis.config.SisConfig.LogFormat> LOG_FORMAT = new Setting<>(
            List.of("-log-format", "--log-format"), "SIS_LOG_FORMAT", "format", "text",
            "Log lines as text, or as one JSON object per line (json).",
            ValueType.choice(dev.sis.config.SisConfig.LogFormat.class));

    public static final Setting<dev.sis.config.AccessLogTarget> ACCESS_LOG = new Setting<>(
            List.of("-access-log", "--access-log"), "SIS_ACCESS_LOG", "on|off|file", "on",
            "One line per answer: on (stderr, logger sis.access), off, or appended to this file (rolled over at "
                    + "64 MiB, three old files kept).",
            ValueType.accessLog());

    public static final Setting<dev.sis.config.TrustedProxies> TRUSTED_PROXIES = new Setting<>(
            List.of("-trusted-proxies", "--trusted-proxies"), "SIS_TRUSTED_PROXIES", "list", "", "none",
            "Proxies (addresses or blocks, like 10.0.0.0/8,::1) whose X-Forwarded-For names the client in the "
                    + "access log; from any other peer the header is ignored.",
            ValueType.trustedProxies());

    public static final Setting<Duration> UPSTREAM_CONNECT_TIMEOUT = new Setting<>(
            List.of("-upstream-connect-timeout", "--upstream-connect-timeout"), "SIS_UPSTREAM_CONNECT_TIMEOUT",
            "duration", "2s", "Agent and S3 mode: how long connecting to the upstream server (or S3) may take; then 503.",
            ValueType.duration(Duration.ofMinutes(10)));

    public static final Setting<Duration> UPSTREAM_TIMEOUT = new Setting<>(
            List.of("-upstream-timeout", "--upstream-timeout"), "SIS_UPSTREAM_TIMEOUT", "duration", "30s",
            "Agent and S3 mode: how long the upstream server (or S3) may take to answer a request; then 504.",
            ValueType.duration(Duration.ofHours(1)));

    public static final Setting<Duration> UPSTREAM_CHECK_TIMEOUT = new Setting<>(
            List.of("-upstream-check-timeout", "--upstream-check-timeout"), "SIS_UPSTREAM_CHECK_TIMEOUT", "duration",
            "500ms", "Agent mode: how long a read of an image the agent has cached waits for the server to confirm "
                    + "that the image still exists; past it, or when the server cannot be reached, the cached copy is "
                    + "served (and for 2 s without asking).",
            ValueType.duration(Duration.ofMinutes(1)));

    public static final Setting<dev.sis.config.UpstreamDialect> UPSTREAM_DIALECT = new Setting<>(
            List.of("-upstream-dialect", "--upstream-dialect"), "SIS_UPSTREAM_DIALECT", "dialect", "auto",
            "Agent mode: the routes that reach the server: sis (its store routes), sis2 (sis 2.0's /derect_up, "
                    + "/simple_down, /full_down: no deletes, names or stored variants) or auto (asks the server at start "
                    + "and after a failure, sis2 when it does not speak sis's).",
            ValueType.choice(dev.sis.config.UpstreamDialect.class));

    public static final Setting<Integer> UPSTREAM_RETRIES = new Setting<>(
            List.of("-upstream-retries", "--upstream-retries"), "SIS_UPSTREAM_RETRIES", "n", "2",
            "Agent mode: extra attempts, with backoff, for reads from the upstream that failed; uploads are never retried. "
                    + "S3 mode: extra attempts for any S3 request that failed transiently (an S3 write can be repeated safely).",
            ValueType.integer(0, 10));

    public static final Setting<Optional<String>> SPOOL_DIR = new Setting<>(List.of("-spool-dir", "--spool-dir"),
            "SIS_SPOOL_DIR", "dir", "", "the system temporary directory",
            "Agent and S3 mode: where uploads wait while they are handed to the upstream (or S3); a folder per running sis, locked, removed when it stops or at the next start after a crash.",
            ValueType.optionalText("a directory"));

    /** Every setting, in the order of the usage text, the docs and the problem list. */
    public static final List<Setting<?>> ALL = List.of(PORT, HOST, LOCAL_STORE, IMAGE, UPSTREAM, STORE,
            S3_ENDPOINT, S3_PATH_STYLE, S3_REGION, MAX_VARIANT_STORAGE, CACHE, CACHE_POLICY,
            MAX_REQUEST_SIZE, MAX_NAME_BYTES, ACCEPT_ANY_FILE, UPLOAD_MEMORY, MAX_SOURCE_PIXELS, MAX_OUTPUT_PIXELS, MAX_DIMENSION,
            MAX_DECODES, DECODE_QUEUE, DECODE_MEMORY, DECODE_TIMEOUT, MAX_ANIMATION_PIXELS, MAX_ANIMATION_FRAMES,
            MAX_JPEG_SCANS, SHUTDOWN_TIMEOUT, WARM_UP, HEADER_TIMEOUT, MAX_CONNECTIONS, BODY_TIMEOUT, MIN_BODY_RATE, INTERNAL_TOKEN, UPLOAD_TOKEN, ADMIN_TOKEN, SIGNING_KEY, SIZES, PRESETS, PRESETS_ONLY, WATERMARK, WATERMARK_ALL, CORS_ORIGINS,
            IMAGE_ENGINE, AUTO_FORMATS, AVIF_EFFORT, QUALITY, LOG_FORMAT, ACCESS_LOG, TRUSTED_PROXIES,
            UPSTREAM_CONNECT_TIMEOUT, UPSTREAM_TIMEOUT, UPSTREAM_CHECK_TIMEOUT, UPSTREAM_DIALECT,
            UPSTREAM_RETRIES, SPOOL_DIR);

    public Setting {
        Objects.requireNonNull(type, "type");
        if (flags.stream().noneMatch(f -> f.startsWith("--"))) {
            throw new IllegalArgumentException("a setting needs a --long flag: " + flags);
        }
    }

    private Setting(List<String> flags, String env, String label, String defaultValue, String meaning,
                    ValueType<T> type) {
        this(flags, env, label, defaultValue, defaultValue, meaning, type);
    }

    /**
     * A flag of one subcommand, with no environment variable, such as {@code sis migrate --from}.
     * Its default may be null: none, for a flag the command requires.
     */
    public static <T> Setting<T> withoutVariable(List<String> flags, String label, String defaultValue, String meaning,
                                                 ValueType<T> type) {
        return new Setting<>(flags, null, label, defaultValue, defaultValue, meaning, type);
    }

    /** The {@code --long} spelling that names this setting in messages. */
    public String name() {
        return flags.stream().filter(f -> f.startsWith("--")).findFirst().orElseThrow();
    }
}
