package dev.sis.testing.sis2;

import java.io.IOException;

/**
 * Where the stand-in sis 2.0 keeps its files: a data folder of its own (store mode,
 * {@link Sis2Folder}) or an upstream server reached over sis 2.0's routes (agent mode,
 * {@link Sis2ServerRoutes}).
 */
interface Sis2Files {
    /** Stores {@code bytes} under {@code md5} and {@code name}, as given: sis 2.0 did not check the MD5. */
    void put(String md5, String name, byte[] bytes) throws IOException;

    /** The bytes under {@code md5}, any name (the first in name order), or null when there are none. */
    byte[] any(String md5) throws IOException;

    /** The bytes under {@code md5} and {@code name}, or null when there are none. */
    byte[] named(String md5, String name) throws IOException;
}
