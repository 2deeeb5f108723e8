package dev.sis.client;

import java.io.FileNotFoundException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.LongConsumer;

/**
 * One file to upload: a name and where its bytes come from. Files and streams are streamed to
 * the server as the request is sent, never held whole in memory.
 *
 * <p>A {@link Path} or byte-array upload can be sent any number of times. A stream upload can be
 * sent once: the client reads the stream and closes it when the upload is over, whether it
 * succeeded or failed.
 */
public final class Upload {
    private final String name;
    private final Content content;
    private final LongConsumer progress;

    private sealed interface Content permits FromFile, FromBytes, FromStream {
    }

    private record FromFile(Path file) implements Content {
    }

    private record FromBytes(byte[] bytes) implements Content {
    }

    private record FromStream(InputStream stream) implements Content {
    }

    private Upload(String name, Content content) {
        this(name, content, null);
    }

    private Upload(String name, Content content, LongConsumer progress) {
        this.name = FileNames.check(name);
        this.content = content;
        this.progress = progress;
    }

    /**
     * The same upload, telling {@code bytesSent} how many more of its bytes were handed to the
     * connection, as they go: for a progress bar. It is called on the HTTP client's threads.
     */
    public Upload onProgress(LongConsumer bytesSent) {
        return new Upload(name, content, Objects.requireNonNull(bytesSent, "bytesSent"));
    }

    /** The file, under its own file name. */
    public static Upload of(Path file) {
        Objects.requireNonNull(file, "file");
        Path fileName = file.getFileName();
        if (fileName == null) {
            throw new IllegalArgumentException("not a file: " + file);
        }
        return of(file, fileName.toString());
    }

    /** The file, under another name. */
    public static Upload of(Path file, String name) {
        Objects.requireNonNull(file, "file");
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new IllegalArgumentException("not a readable file: " + file);
        }
        return new Upload(name, new FromFile(file));
    }

    /** These bytes (not copied: do not change them until the upload is done). */
    public static Upload of(String name, byte[] content) {
        return new Upload(name, new FromBytes(Objects.requireNonNull(content, "content")));
    }

    /** The bytes of this stream, read when the upload is sent; the client closes it when the upload is over. */
    public static Upload of(String name, InputStream content) {
        return new Upload(name, new FromStream(Objects.requireNonNull(content, "content")));
    }

    public String name() {
        return name;
    }

    /** The bytes as a request body part; a file's length is known, a stream's is not. */
    BodyPublisher publisher() {
        BodyPublisher bytes = contentPublisher();
        return progress == null ? bytes : new CountingPublisher(bytes, progress);
    }

    private BodyPublisher contentPublisher() {
        return switch (content) {
            case FromFile(Path file) -> {
                try {
                    yield BodyPublishers.ofFile(file);
                } catch (FileNotFoundException e) {
                    throw new UncheckedIOException("the file to upload is gone: " + file, e);
                }
            }
            case FromBytes(byte[] bytes) -> BodyPublishers.ofByteArray(bytes);
            case FromStream(InputStream stream) -> BodyPublishers.ofInputStream(() -> stream);
        };
    }

    /** Closes a stream source, whether or not it was read: the upload is over. */
    void release() {
        if (content instanceof FromStream(InputStream stream)) {
            try {
                stream.close();
            } catch (java.io.IOException ignored) {
                // Nothing more is read from it.
            }
        }
    }

    @Override
    public String toString() {
        return "Upload[" + name + "]";
    }
}
