package dev.sis.migrate;

import dev.sis.model.FileName;
import dev.sis.model.Md5;
import java.io.IOException;
import java.io.InputStream;

/**
 * One original found in a source store: where it is (for messages), the MD5 its place
 * claims, its name and size, and how to read it.
 */
record SourceFile(String where, Md5 md5, FileName name, long size, Opener opener) {

    /** Opens the file's bytes; the caller closes the stream. */
    @FunctionalInterface
    interface Opener {
        InputStream open() throws IOException;
    }
}
