package dev.sis.migrate;

import dev.sis.cli.Setting;
import dev.sis.cli.SettingFlags;
import dev.sis.cli.SettingValues;
import dev.sis.cli.Sizes;
import dev.sis.cli.Usage;
import dev.sis.cli.ValueType;
import dev.sis.config.RemoteLimits;
import dev.sis.config.S3Config;
import dev.sis.config.StoreLocation;
import dev.sis.storage.ImageStore;
import dev.sis.storage.local.LocalImageStore;
import dev.sis.storage.s3.S3Credentials;
import dev.sis.storage.s3.S3ImageStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code sis migrate --from SRC --to DST}: copies every original from one store into another,
 * checking each file's MD5 against its place. Stores: {@code sis2:/path} (a sis 2.0 data
 * directory; a source only), {@code file:/path} and {@code s3://bucket/prefix} (with the
 * {@code --s3-…} flags, or their {@code SIS_S3_…} variables, for both sides).
 */
public final class MigrateCommand implements Callable<Integer> {
    public static final String NAME = "migrate";
    private static final String USAGE = """
            Usage: sis migrate --from SRC --to DST [--parallel N] [--progress-interval DURATION]
                               [--s3-endpoint URL] [--s3-path-style] [--s3-region REGION]
            Copies every original (every MD5 and name) from SRC into DST. Stores:
              sis2:/path           a data directory of sis 2.0 (as SRC only)
              file:/path           a data directory of this sis
              s3://bucket/prefix   objects in a bucket; the --s3-... flags (or SIS_S3_...) apply,
                                   and credentials come from the AWS SDK's chain (AWS_ACCESS_KEY_ID...)
            Each file's content is checked against the MD5 of its place: a mismatch is reported
            with its path and not copied. What DST has already is skipped, so a run can be
            repeated or resumed. Variants are not copied: DST makes them again when asked.
              --parallel N                copies at once, 1 to 64 (default 4)
              --progress-interval D       how often progress is shown (default 5s; on a terminal
                                          a bar is redrawn every 200ms)
            Exit codes: 0 everything is in DST, 1 some files failed, 2 bad command line.
            """;
    private static final Setting<StoreLocation> FROM = Setting.withoutVariable(List.of("-from", "--from"), "SRC",
            null, "The store to copy from.", ValueType.location(true));
    private static final Setting<StoreLocation> TO = Setting.withoutVariable(List.of("-to", "--to"), "DST",
            null, "The store to copy into.", ValueType.location(false));
    private static final Setting<Integer> PARALLEL = Setting.withoutVariable(List.of("-parallel", "--parallel"), "N",
            "4", "Copies at once.", ValueType.integer(1, 64));
    private static final Setting<Duration> PROGRESS_INTERVAL = Setting.withoutVariable(
            List.of("-progress-interval", "--progress-interval"), "duration", "5s", "How often progress is shown.",
            ValueType.duration(Duration.ofHours(1)));

    private final CommandSpec spec = CommandSpec.wrapWithoutInspection(this);
    private final SettingFlags flags;
    private final PrintStream out;
    private final PrintStream err;

    private MigrateCommand(Map<String, String> env, PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
        spec.name(NAME).addOption(OptionSpec.builder("-h", "-help", "--help").usageHelp(true).build());
        this.flags = new SettingFlags(spec, "sis migrate", List.of(FROM, TO, PARALLEL, PROGRESS_INTERVAL,
                Setting.S3_ENDPOINT, Setting.S3_PATH_STYLE, Setting.S3_REGION), env);
        Usage.install(spec, USAGE);
    }

    public static CommandLine commandLine(Map<String, String> env, PrintStream out, PrintStream err) {
        return new CommandLine(new MigrateCommand(env, out, err).spec);
    }

    /** @return the exit code: 0, 1 when a file failed or a store could not be used, 2 for a bad command line */
    @Override
    public Integer call() {
        SettingValues values = flags.read(spec.commandLine().getParseResult());
        Options options = options(values);
        if (options == null) {
            values.problems().forEach(p -> err.println("sis migrate: " + p));
            err.print(USAGE);
            return CommandLine.ExitCode.USAGE;
        }
        return migrate(options, err, out);
    }

    private record Options(StoreLocation from, StoreLocation to, int parallel, Duration interval,
                           URI endpoint, boolean pathStyle, String region) {
    }

    /** The options, or null when a problem was found (it is in {@code values}). */
    private static Options options(SettingValues values) {
        for (Setting<StoreLocation> store : List.of(FROM, TO)) {
            if (!values.given(store)) {
                values.problem(store, "is required", false);
            }
        }
        StoreLocation from = values.get(FROM);
        if (from != null && from.equals(values.get(TO))) {
            values.problem("--from and --to are the same store");
        }
        if (!values.valid()) {
            return null;
        }
        Optional<String> endpoint = values.get(Setting.S3_ENDPOINT);
        return new Options(from, values.get(TO), values.get(PARALLEL), values.get(PROGRESS_INTERVAL),
                endpoint.map(URI::create).orElse(null), values.get(Setting.S3_PATH_STYLE),
                values.get(Setting.S3_REGION).orElse(null));
    }

    private static int migrate(Options options, PrintStream err, PrintStream out) {
        boolean terminal = System.console() != null && System.console().isTerminal();
        Progress progress = new Progress(err, terminal, terminal ? Duration.ofMillis(200) : options.interval());
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            MigrationSource source = source(options, opened);
            ImageStore destination = destination(options, opened);
            err.println("sis migrate: from " + source.describe() + " to " + destination.describe());
            new Migration(source, destination, options.parallel(), progress).run();
        } catch (IOException | RuntimeException e) {
            err.println("sis migrate: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("sis migrate: interrupted");
            return 1;
        } finally {
            for (AutoCloseable c : opened) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // Closing a client at exit.
                }
            }
        }
        out.printf("sis migrate: %d copied (%s), %d already there, %d failed, of %d files, in %ds%s%n",
                progress.copiedFiles(), Sizes.approximate(progress.copiedBytes()), progress.skippedFiles(),
                progress.failedFiles(), progress.totalFiles(), progress.elapsed().toSeconds(),
                progress.copiedAnalyses() == 0 ? "" : "; " + progress.copiedAnalyses() + " image analyses carried");
        return progress.failedFiles() == 0 ? 0 : 1;
    }

    private static MigrationSource source(Options options, List<AutoCloseable> opened) throws IOException {
        return switch (options.from()) {
            case StoreLocation.Sis2(Path dir) -> {
                refuseOneFolderTooHigh(dir, NestedDataDirectory.SIS2, "sis2:");
                yield new Sis2Source(dir);
            }
            case StoreLocation.Local(Path dir) -> {
                if (!Files.isDirectory(dir)) {
                    throw new IOException("not a directory: " + dir);
                }
                refuseOneFolderTooHigh(dir, NestedDataDirectory.LOCAL, "file:");
                yield new StoreSource(each -> walk(dir, each), "directory " + dir);
            }
            case StoreLocation.S3 bucket -> {
                S3ImageStore store = s3(bucket, options, opened);
                yield new StoreSource(each -> store.forEachObject((key, size, file) -> each.file(key, size, file::open)),
                        store.describe());
            }
        };
    }

    /** Every file of a source given one folder too high would fail: name the folder to give instead. */
    private static void refuseOneFolderTooHigh(Path dir, java.util.function.Predicate<String> firstLevel, String scheme)
            throws IOException {
        Optional<Path> nested = NestedDataDirectory.in(dir, firstLevel);
        if (nested.isPresent()) {
            throw new IOException(dir + " is not a data directory, but " + nested.get() + " in it looks like one: "
                    + "give --from " + scheme + nested.get());
        }
    }

    private static ImageStore destination(Options options, List<AutoCloseable> opened) throws IOException {
        return switch (options.to()) {
            case StoreLocation.Local(Path dir) -> LocalImageStore.open(dir);
            case StoreLocation.S3 bucket -> s3(bucket, options, opened);
            case StoreLocation.Sis2 sis2 -> throw new IllegalStateException("sis2: is refused as a destination");
        };
    }

    private static S3ImageStore s3(StoreLocation.S3 bucket, Options options, List<AutoCloseable> opened) throws IOException {
        S3Config config = new S3Config(bucket, options.endpoint(), options.pathStyle(), options.region(),
                new RemoteLimits(Duration.ofSeconds(5), Duration.ofSeconds(60), 3,
                        Path.of(System.getProperty("java.io.tmpdir"), "sis-spool")));
        S3ImageStore store = S3ImageStore.open(config, S3Credentials.required(bucket), new SimpleMeterRegistry());
        opened.add(store);
        if (!store.isReady()) {
            throw new IOException("cannot reach " + bucket + " (is the bucket there, are the endpoint and credentials right?)");
        }
        return store;
    }

    /** Every regular file under a local store's root but its staging folder, with {@code /} separators. */
    private static void walk(Path root, StoreSource.Listed each) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path relative = root.relativize(file);
                if (relative.getNameCount() > 0 && relative.getName(0).toString().equals(".staging")
                        || !Files.isRegularFile(file)) {
                    continue;
                }
                String path = relative.toString().replace(java.io.File.separatorChar, '/');
                each.file(path, Files.size(file), () -> Files.newInputStream(file));
            }
        }
    }
}
