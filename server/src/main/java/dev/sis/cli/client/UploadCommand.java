package dev.sis.cli.client;

import dev.sis.client.SisClient;
import dev.sis.client.SisClientBuilder;
import dev.sis.client.SisClientException;
import dev.sis.client.Upload;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sis upload [--server URL] [--token T] FILE|DIR…}: uploads files, several at a time. */
@Command(name = "upload", sortOptions = false,
        description = {"Uploads files, each in its own request, several at a time. A directory is uploaded with "
                + "everything under it, except hidden files and directories (names starting with a dot).",
                "",
                "On a terminal a progress bar shows on standard error. Otherwise each file gives one JSON line on "
                + "standard output: {\"file\":…,\"name\":…,\"md5\":…} or {\"file\":…,\"error\":…,\"status\":…}.",
                ""},
        footer = {"", "Exit codes: 0 every file uploaded, 1 some failed, 2 bad command line.",
                "Example: sis upload --server http://sis:3333 photos/ cover.jpg"})
final class UploadCommand extends ClientCommand {
    static final String TOKEN_ENV = "SIS_UPLOAD_TOKEN";

    @Mixin
    ServerOptions server;

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "The server's upload token (default: the " + TOKEN_ENV + " variable; prefer it: flags show in process lists).")
    String token;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "4",
            description = "How many uploads at once, 1 to 64 (default ${DEFAULT-VALUE}).")
    int parallel;

    @Option(names = "--json", description = "One JSON line per file even on a terminal (no progress bar).")
    boolean json;

    @Parameters(arity = "1..*", paramLabel = "FILE|DIR", description = "Files, and directories to upload everything under.")
    List<Path> paths;

    UploadCommand(Map<String, String> env, PrintStream out, PrintStream err) {
        super(env, out, err);
    }

    @Override
    int execute() {
        if (parallel < 1 || parallel > 64) {
            throw new IllegalArgumentException("--parallel must be from 1 to 64, got " + parallel);
        }
        SisClientBuilder builder = server.builder(env);
        List<Path> files = UploadFiles.collect(paths);
        if (files.isEmpty()) {
            throw new IllegalArgumentException("nothing to upload: the directories hold no file that is not hidden");
        }
        String upload = token != null ? token : fromEnv(TOKEN_ENV);
        if (upload != null) {
            builder.uploadToken(upload);
        }
        boolean terminal = !json && System.console() != null && System.console().isTerminal();
        UploadReport report = new UploadReport(out, err, terminal, files.size(), UploadFiles.totalSize(files));
        try (SisClient sis = builder.build(); ExecutorService pool = Executors.newFixedThreadPool(parallel)) {
            for (Path file : files) {
                pool.execute(() -> uploadOne(sis, file, report));
            }
        } // closing the pool waits for every upload to end
        report.finish();
        return report.failedCount() == 0 ? OK : FAILED;
    }

    private static void uploadOne(SisClient sis, Path file, UploadReport report) {
        UploadReport.FileBytes bytes = report.fileBytes(UploadFiles.size(file));
        try {
            report.uploaded(file, bytes, sis.upload(Upload.of(file).onProgress(bytes)));
        } catch (SisClientException | IllegalArgumentException | UncheckedIOException e) {
            // A file that vanished or became unreadable since it was listed fails on its own.
            report.failed(file, bytes, e);
        }
    }
}
